# %% [markdown]
# # 3. Staging: from imaging and TNM to a stage group
#
# How doctors measure how far a breast cancer has spread, how the findings become T, N and M
# categories and an AJCC (American Joint Committee on Cancer) stage group, how grade and receptor status turn that into the
# prognostic stage used in US care, and how it maps to the row of the survival table.
#
# *Abbreviations:* HER2, human epidermal growth factor receptor 2; ER, estrogen receptor; PR,
# progesterone receptor; HR+, hormone-receptor positive; AJCC, American Joint Committee on
# Cancer; SEER, Surveillance, Epidemiology, and End Results Program; MRI, magnetic resonance
# imaging; CT, computed tomography; PET, positron emission tomography; NCCN, National
# Comprehensive Cancer Network; ASCO, American Society of Clinical Oncology; NCI, US National
# Cancer Institute; PDQ, Physician Data Query (NCI's cancer summaries).
#
# > **For education only.** This lesson teaches how published figures are made and read. It is
# > not medical advice and must not be used for decisions about any person's care.

# %% [markdown]
# ## In plain words
#
# After a biopsy (a small tissue sample) shows cancer, doctors find out how big it is and where it has gone. They
# describe the main lump (T), the nearby lymph nodes (N) and any spread to far-away organs (M).
# A table turns these three letters into a stage from 0 to IV. Since 2018, US doctors also
# count how the cancer cells look and which receptors they carry, which can move the stage up
# or down. A simpler scale says whether the
# cancer was only in the breast, had reached nearby nodes or skin, or had spread far away. The
# survival figures in the next lesson are sorted by that simpler scale.

# %% [markdown]
# ## Overview
#
# 1. How staging is done
# 2. T: the size and reach of the tumour
# 3. N and M: lymph nodes and distant spread
# 4. The AJCC anatomic stage table
# 5. Which stage table is used where
# 6. Prognostic stage groups
# 7. From stage to the survival table: SEER summary stage
# 8. The stage explorer
# 9. Cases to stage
# 10. After treatment before surgery: ypTNM
#
# **Learning objectives.** After this lesson you can:
# - name the tests used to stage breast cancer, and say when scans for distant spread are used;
# - round a measured tumour size as AJCC records it and turn it into a T category, boundaries
#   included;
# - look up an AJCC 8th edition anatomic stage group from T, N and M, micrometastases and
#   isolated tumour cells included, and say which table US registries use;
# - work out the clinical and pathological prognostic stage from T, N, M, grade, ER, PR and
#   HER2, say when each applies, and explain why it differs from the anatomic stage;
# - say which SEER summary stage (localized, regional, distant) a case belongs to, and where it
#   and AJCC disagree (supraclavicular nodes);
# - read a post-treatment (ypTNM) stage and say when it gets no stage group.
#
# **Prerequisites**
#
# | Concept | Needed or helpful | Where to learn it |
# |---|---|---|
# | What a biopsy and a lymph node are | Helpful | [Glossary](glossary.md#sentinel-node) |
# | HR+/HER2- and triple-negative subtypes | Helpful | [Lesson 2](02_classification.ipynb) |
# | Calling a Python function | Needed | [Start page](00_start_here.ipynb) |
#
# **Time:** about 50 minutes (30 reading, 20 exercises).

# %%
from helpers import staging, exercises
from helpers.plots.prognostic import prognostic_grid
from helpers.plots.staging import t_size_ruler
from helpers.widgets.staging import staging_explorer

# %% [markdown]
# ---
# ## 1. How staging is done
#
# Staging starts with the findings that led to the diagnosis and adds tests chosen to answer
# one question: how far has the cancer gone?
#
# - **In the breast.** A *mammogram* (a low-dose X-ray of the breast) and a breast *ultrasound*
#   show the size of the lump and whether there are others. *MRI* is added in some cases, for
#   example when the mammogram is hard to read or the extent of disease is unclear.
# - **In the armpit.** Ultrasound of the axilla looks for enlarged lymph nodes; a suspicious
#   node is sampled with a needle. At surgery, a
#   [sentinel lymph node biopsy](glossary.md#sentinel-node) removes the first one or few nodes
#   that drain the tumour: if they are clear, the rest of the axilla usually is too.
# - **Elsewhere in the body.** *CT* of the chest, abdomen and pelvis, a *bone scan* or a
#   *PET-CT* look for distant spread. They are for people with **clinical stage III** disease,
#   and for anyone whose symptoms, examination or blood tests (bone pain, abnormal liver tests,
#   for example) point to spread (NCCN Guidelines for breast cancer, workup). A positive node
#   alone does not call for them: a T1 or T2 tumour with 1–3 involved nodes (N1) is stage II
#   (section 4). For stage 0, I and II without such signs, ASCO's Choosing Wisely list advises
#   against these scans, because they often find harmless spots and do not help people live
#   longer (Schnipper LE et al., J Clin Oncol 2012).
#
# Findings before surgery give the **clinical** stage (written with a `c`, as in cT2); the
# pathologist's measurements on the removed tissue give the **pathological** stage (`p`, as in
# pT2). The helpers accept either prefix.

# %% [markdown]
# ## 2. T: the size and reach of the tumour
#
# [TNM](glossary.md#tnm) is the shared language of staging. **T** describes the main tumour:
# its greatest dimension in millimetres, or its spread into the chest wall or skin. In the AJCC
# Cancer Staging Manual, 8th edition (2017; breast chapter updated 2018), the size bands are:
# T1mi up to 1 mm, T1a over 1 up to 5 mm, T1b over 5 up to 10 mm, T1c over 10 up to 20 mm,
# T2 over 20 up to 50 mm and T3 over 50 mm. Each cut-off belongs to the **smaller** category:
# a 20 mm tumour is T1c, and T2 starts just above 20 mm.
#
# **Round first.** AJCC records the invasive tumour's size to the nearest whole millimetre
# before it is compared with the cut-offs, with one exception: a size above 1.0 mm and below
# 2.0 mm is recorded as 2 mm, so that such a tumour counts as T1a and not as microinvasion
# (AJCC 8th edition, breast chapter; SEER's coding rules for breast tumour size say the same).
# So a tumour the pathologist measures at 20.4 mm is recorded as 20 mm and is T1c, not T2;
# 5.1 mm is recorded as 5 mm (T1a); 1.2 mm becomes 2 mm (T1a); 1.0 mm stays T1mi.

# %%
t_size_ruler(12)

# %% [markdown]
# Size is not the whole story. Whatever its size, a tumour that grows into the **chest wall**
# (ribs, the muscles between them and serratus anterior; the pectoral muscle alone does not
# count) is
# T4a; one that causes **skin** ulceration, satellite skin nodules in the same breast that can
# be seen or felt (AJCC: "ipsilateral macroscopic"), or swelling such as peau d'orange is T4b;
# both is T4c; and **inflammatory carcinoma** is T4d. Invasion of the dermis alone is not T4.
# **[Tis](glossary.md#tis)** is cancer in situ: ductal carcinoma in situ (DCIS), or Paget disease of the nipple
# with no cancer underneath. Lobular carcinoma in situ (LCIS) is no longer staged as Tis in the
# 8th edition: it is treated as a benign finding. **T0** means no primary tumour was found in
# the breast although cancer was found elsewhere.
#
# **Several foci.** When the pathologist finds more than one separate invasive focus, T comes
# from the **largest** focus, not from the sizes added up, and the suffix **(m)** records that
# there were several (AJCC 8th edition). Foci of 12 mm and 9 mm are T1c(m), not T2: 12 mm is T1c,
# and the 21 mm the two add up to plays no part.
#
# `staging.recorded_size_mm` applies the rounding and `staging.t_category` the whole rule
# (rounding first). Try the boundaries:

# %%
for size in (1.0, 1.2, 5.0, 5.1, 20.0, 20.04, 20.4, 20.6, 50.4, 51.0):
    recorded = staging.recorded_size_mm(size)
    print(f"measured {size:>5} mm → recorded {recorded:g} mm → {staging.t_category(size)}")
print("18 mm with skin ulceration →", staging.t_category(18, skin=True))
foci_mm = (12, 9)
print("two foci of 12 and 9 mm →", staging.t_category(max(foci_mm)) + "(m)",
      "(not", staging.t_category(sum(foci_mm)), "from the sum)")

# %% [markdown]
# ### Exercise 1: a size near the boundary
#
# The pathologist measures an invasive tumour of **20.4 mm**, with no skin or chest wall
# involvement. What is its T category? Answer in quotes, e.g. `"T1a"` (`"pT1a"` and
# `"cT1a"` are read too: AJCC writes a "p" or "c" before T for pathological or clinical).

# %%
answer = ...
### BEGIN SOLUTION
answer = "T1c"
### END SOLUTION
exercises.staging.exercise_1(answer)

# %% [markdown]
# ## 3. N and M: lymph nodes and distant spread
#
# **N** describes the regional lymph nodes (armpit, under and above the collarbone, and along
# the breastbone). In the pathological short form of AJCC 8:
#
# | N | What was found |
# |---|---|
# | N0 | no cancer in regional nodes, or only [isolated tumour cells](glossary.md#isolated-tumour-cells) (N0(i+): clusters of 0.2 mm or less, or 200 cells or fewer in one cross-section) or a positive molecular test alone (N0(mol+)) |
# | N1mi | [micrometastases](glossary.md#micrometastasis) only: deposits over 0.2 mm and/or more than 200 cells, none over 2.0 mm, in any number of nodes |
# | N1a | 1–3 axillary nodes, at least one deposit over 2.0 mm |
# | N1b | internal mammary nodes found by sentinel node biopsy (not seen on imaging or felt), with no axillary nodes |
# | N1c | 1–3 axillary nodes **and** internal mammary nodes found by sentinel node biopsy |
# | N2a | 4–9 axillary nodes, at least one deposit over 2.0 mm |
# | N2b | internal mammary nodes seen on imaging or felt, with no axillary nodes |
# | N3a | 10 or more axillary nodes (at least one deposit over 2.0 mm), or infraclavicular (level III axillary) nodes |
# | N3b | internal mammary nodes seen on imaging together with axillary nodes, or **4 or more** axillary nodes with internal mammary nodes found by sentinel node biopsy |
# | N3c | supraclavicular nodes on the same side: AJCC stage IIIC, but **distant** in SEER summary stage (section 7) |
#
# N0(i+) and N0(mol+) are node-negative: they are staged as N0. Micrometastases alone stay N1mi
# however many nodes hold them: N2a and N3a need at least one deposit over 2.0 mm.
#
# **M** is M0 (no distant spread found) or M1 ([spread to distant organs](glossary.md#metastatic) or distant lymph nodes,
# proven or clinically clear). M0(i+) records tiny clusters of tumour cells (0.2 mm or less)
# found in blood, bone marrow or other tissue in someone with no symptoms or signs of spread:
# it is staged as M0. There is no "pM0": M0 is a clinical finding (cM0) unless distant
# metastasis has been proven under the microscope, which is pM1.
# `staging.n_category` gives the simplified N for a count of involved axillary nodes; nodes in
# other places are chosen directly. The helpers read categories as reports write them, all
# through one reader (`helpers.tnm`): any case and spacing; the prefixes `c`, `p`, `yc` and
# `yp`; and the modifiers `(m)` (several foci), `(sn)` (found by sentinel node biopsy), `(f)`
# (confirmed by needle biopsy), `(i+)`/`(i-)` and `(mol+)`/`(mol-)` (isolated tumour cells or
# molecular findings only, or none). `TX` or `NX` (could not be assessed) gives no stage group.

# %%
for nodes in (0, 2, 4, 9, 10):
    print(nodes, "positive axillary nodes →", staging.n_category(nodes))
print("2 nodes, micrometastases only →", staging.n_category(2, micrometastases_only=True))
print("5 nodes, micrometastases only →", staging.n_category(5, micrometastases_only=True))
print("pT1c pN0(i+) cM0(i+) → stage", staging.anatomic_stage("pT1c", "pN0(i+)", "cM0(i+)"))
print("pT1c(m) pN1a(sn) cM0 → stage", staging.anatomic_stage("pT1c(m)", "pN1a(sn)", "cM0"))
for t, n, m in (("pT1c", "pN0", "pM0"), ("pT2", "pNX", "cM0")):
    try:
        staging.anatomic_stage(t, n, m)
    except ValueError as error:
        print("ValueError:", error)

# %% [markdown]
# ## 4. The AJCC anatomic stage table
#
# The [stage group](glossary.md#stage-group) combines T, N and M. The AJCC 8th edition anatomic
# table, with its subcategories folded into the main ones (T1 includes T1mi, T1a, T1b and
# T1c; T4 includes T4a–T4d):
#
# | Stage | T N M |
# |---|---|
# | 0 | Tis N0 M0 |
# | IA | T1 N0 M0 |
# | IB | T0 N1mi M0; T1 N1mi M0 |
# | IIA | T0 N1 M0; T1 N1 M0; T2 N0 M0 |
# | IIB | T2 N1 M0; T3 N0 M0 |
# | IIIA | T0 N2 M0; T1 N2 M0; T2 N2 M0; T3 N1 M0; T3 N2 M0 |
# | IIIB | T4 N0 M0; T4 N1 M0; T4 N2 M0 |
# | IIIC | any T, N3, M0 |
# | IV | any T, any N, M1 |
#
# Two details trip people up. Micrometastases with a T0 or T1 tumour are stage **IB**, not IIA;
# with T2, T3 or T4 they are staged as **N1**. And the table has no row for T0 N0 M0 (no cancer
# found) nor for Tis with cancer in the nodes: cancer in a node means an invasive cancer, so
# the breast needs another look. `staging.anatomic_stage` refuses both with a message
# instead of guessing. In the library the table is held as data, one row per line above:

# %%
for row in staging.STAGE_TABLE[:6]:
    print(row)

# %%
print(staging.anatomic_stage("pT1b", "pN1mi", "cM0"))
print(staging.anatomic_stage("pT2", "pN1mi", "cM0"))
try:
    staging.anatomic_stage("T0", "N0", "M0")
except ValueError as error:
    print("ValueError:", error)

# %% [markdown]
# ### Exercise 2: micrometastases with a larger tumour
#
# A 35 mm tumour (T2); sentinel node biopsy finds micrometastases only (N1mi); no distant
# spread (M0). What is the anatomic stage group? Answer in quotes, e.g. `"IIA"` (`"IIA"`, `"iib"` and `"Stage IIA"` are all read).

# %%
answer = ...
### BEGIN SOLUTION
answer = "IIB"
### END SOLUTION
exercises.staging.exercise_2(answer)

# %% [markdown]
# ## 5. Which stage table is used where
#
# The 8th edition keeps the **anatomic** table above and adds **[prognostic stage groups](glossary.md#prognostic-stage)**,
# clinical and pathological, which combine T, N and M with tumour **grade**, **ER**, **PR** and
# **HER2** status; for ER-positive, HER2-negative tumours that are T1 or T2 and node-negative, a
# **[21-gene recurrence score](glossary.md#recurrence-score)** below 11 gives pathological
# prognostic stage IA. Which table is used where:
#
# - **US cancer registries and cancer centres** have recorded the clinical and pathological
#   **prognostic** stage groups since 1 January 2018 (AJCC 8th edition, breast chapter,
#   2018 update).
# - The **anatomic** table is meant for places where grade, ER, PR and HER2 cannot be tested
#   routinely. It is still the skeleton the prognostic tables are built on, which is why this
#   lesson teaches it first.
# - **SEER's survival tables** are organised by neither: they use the summary stage of
#   section 7 (localized, regional, distant).

# %%
exercises.staging.concept_check()

# %% [markdown]
# ## 6. Prognostic stage groups
#
# **What they add, and why.** Two cancers of the same size with the same nodes can behave very
# differently: a slow-growing, low-grade cancer that depends on hormones has a better outlook
# than a fast-growing, high-grade triple-negative one. The prognostic tables fold that biology
# into the stage, so that a stage group gathers cancers with a similar outlook rather than a
# similar size (Giuliano AE et al., CA Cancer J Clin 2017). Each row of a table is one T/N group
# (the tables' own groups, which follow the anatomic ones), one grade (1 to 3) and one result
# for HER2, ER and PR. HER2 must be a final positive or negative result: an equivocal test is
# resolved first (lesson 2).
#
# **Clinical or pathological.**
# - The **clinical** prognostic stage is given to **everyone**, from the examination, imaging and
#   biopsy before any treatment.
# - The **pathological** prognostic stage is given **only when surgery is the first treatment**,
#   from the tumour and nodes removed. After treatment given before surgery (neoadjuvant
#   therapy) the tissue has been changed by that treatment, so the pathological table is not
#   used; the clinical prognostic stage stays the reference. Only the pathological table uses the
#   21-gene recurrence score: a score below 11 makes a T1–T2 N0 M0, ER-positive, HER2-negative
#   cancer stage IA, whatever its grade or PR status.
#
# **Worked examples.** The same tumour, 35 mm with clear nodes (T2 N0 M0, anatomic stage IIA),
# with two kinds of biology:

# %%
tumour = ("T2", "N0", "M0")
biologies = {
    "HR+/HER2-: grade 1, ER+, PR+, HER2-": dict(grade=1, er="positive", pr="positive",
                                                her2="negative"),
    "triple-negative: grade 3, ER-, PR-, HER2-": dict(grade=3, er="negative", pr="negative",
                                                      her2="negative"),
}
print("anatomic stage:", staging.anatomic_stage(*tumour))
for name, biology in biologies.items():
    clinical = staging.prognostic_stage(*tumour, kind="clinical", **biology)
    pathological = staging.prognostic_stage(*tumour, kind="pathological", **biology)
    print(f"{name:42} clinical {clinical:4} pathological {pathological}")

# %% [markdown]
# The low-grade HR+/HER2- cancer moves **down**: clinical IB, and pathological **IA** if surgery
# comes first. The grade 3 triple-negative cancer moves **up** to clinical **IIB**; its
# pathological stage stays IIA. Same size and nodes, three different stage groups. The
# recurrence score can move a cancer further down, but only in the pathological table:

# %%
hr_positive_grade_3 = dict(grade=3, er="positive", pr="negative", her2="negative")
for score in (None, 8, 25):
    label = "not done" if score is None else score
    print(f"T2 N0 M0, grade 3, ER+, PR-, HER2-; recurrence score {label}: pathological",
          staging.prognostic_stage(*tumour, kind="pathological", recurrence_score=score,
                                   **hr_positive_grade_3))

# %% [markdown]
# The figure shows every combination of grade and receptors for this T2 N0 M0 tumour
# (anatomic stage IIA). Each cell names the prognostic stage, with an arrow for lower (↓), the
# same (=) or higher (↑) than IIA, so it reads without colour. (Tables: AJCC 8th edition, breast
# chapter updated 2018; the clinical table as reprinted in the NCI PDQ *Breast Cancer Treatment
# (Health Professional Version)*, the pathological one as encoded by NCI SEER: see Sources.)

# %%
prognostic_grid("T2", "N0", "M0")

# %% [markdown]
# **How much does it change?** When 493,854 US patients with stage I–III cancer (US National
# Cancer Database, diagnosed 2010–2014) were restaged from the 7th edition's anatomic stage to
# the 8th edition's pathological prognostic stage, 6.8 % moved up, 29.7 % moved down, and the
# rest kept their stage (Plichta JK et al., Ann Surg 2020;271:169–176); how often a cancer
# moved depended on its receptors, grade and recurrence score. The tables also changed once: the breast chapter's 2018 update revised some cells of the 2017
# printing; this collection uses the updated tables.

# %%
exercises.prognostic.concept_check()

# %% [markdown]
# ## 7. From stage to the survival table: SEER summary stage
#
# Registries also use a simpler scale, [SEER summary stage](glossary.md#seer-summary-stage).
# The rows of SEER's survival table by subtype use **SEER Combined Summary Stage**; its
# categories are those of the SEER Summary Stage 2018 manual (NCI), in plain words:
#
# - **in situ**: non-invasive (Tis); not in the survival table;
# - **localized**: invasive cancer confined to the breast;
# - **regional**: spread to regional lymph nodes (micrometastases count; isolated tumour cells
#   alone do not), or direct extension beyond the breast: every T4 (inflammatory carcinoma
#   included), and also adherence or fixation to the pectoral muscle or the tissue underneath,
#   or skin involvement short of T4, which AJCC does not call T4;
# - **distant**: spread to distant organs or distant lymph nodes (M1), and also to the
#   supraclavicular nodes above the collarbone on the same side.
#
# **Where SEER and AJCC disagree: supraclavicular nodes.** AJCC counts ipsilateral
# supraclavicular nodes as regional, N3c, so T2 N3c M0 is AJCC stage IIIC. SEER Summary Stage
# 2018 counts the same nodes as **distant**. The other N3 nodes (N3a, N3b) are regional in both,
# so a plain "N3" is not enough for the summary stage: `staging.summary_stage` asks which.
# SEER also codes in situ disease (Tis) that has reached regional nodes as *regional*, where
# the AJCC table gives no stage group at all.
#
# So stage IA and a T2 N0 stage IIA are usually *localized*; T1 N1mi (stage IB) is already
# *regional*; a small tumour with skin ulceration is regional with no nodes at all; and a T2 N0
# tumour fixed to the pectoral muscle stays stage IIA for AJCC but is *regional* for SEER.
# Summary stage is therefore not a pure function of T and N: `staging.summary_stage` takes
# `regional_extension=True` for that extension. The summary stage is the row you read in the
# survival table.

# %%
cases = [("T1c", "N0", "M0"), ("T2", "N0", "M0"), ("T1c", "N0(i+)", "M0"),
         ("T1a", "N1mi", "M0"), ("T4b", "N0", "M0"), ("T2", "N1", "M1"), ("Tis", "N0", "M0"),
         ("T2", "N3a", "M0"), ("T2", "N3c", "M0")]
for t, n, m in cases:
    print(f"{t:4} {n:7} {m}: stage {staging.anatomic_stage(t, n, m):4} → "
          f"{staging.summary_stage(t, n, m)}")
print("Tis  N1      M0: no AJCC stage group →", staging.summary_stage("Tis", "N1", "M0"))
print("T2   N0      M0, fixed to the pectoral muscle: stage",
      staging.anatomic_stage("T2", "N0", "M0"), "→",
      staging.summary_stage("T2", "N0", "M0", regional_extension=True))

# %% [markdown]
# ### Exercise 3: a small tumour that reaches the skin
#
# An 18 mm tumour has ulcerated the skin. Nodes are clear (N0) and there is no distant spread
# (M0). Which SEER summary stage is it? Answer in quotes, e.g. `"distant"`: one of
# `"in situ"`, `"localized"` (or `"localised"`), `"regional"` or `"distant"`.

# %%
answer = ...
### BEGIN SOLUTION
answer = "regional"
### END SOLUTION
exercises.staging.exercise_3(answer)

# %% [markdown]
# ## 8. The stage explorer
#
# Choose T directly, or leave T on "from size in mm", type the measured size (above 0 and up to
# 250 mm: T3 covers everything above 50 mm, so the bound changes no category, and it catches
# typing slips such as an extra zero) and tick any extension. The explorer rounds the size as
# AJCC records it and says so. The tick box for fixation or skin involvement short of T4 changes
# only the SEER summary stage. Then choose N and M, and the tumour's biology: grade, ER, PR,
# HER2 and, if the test was done, the 21-gene recurrence score (leave it blank otherwise).
#
# The explorer shows the anatomic, clinical prognostic and pathological prognostic stage side
# by side, with a sentence on why each prognostic stage differs from the anatomic one; then the
# SEER summary stage and the 5-year relative survival for that row of the seed table, for the
# subtype the receptors give (SEER, as quoted by the page the collection started from; see
# [lesson 4](04_survival.ipynb) for what the figure means and for other releases).

# %%
staging_explorer()

# %% [markdown]
# **Question:** with the size at 15 mm and N0, change N to N0(i+), then to N1mi and then to N1.
# Which changes the stage group, and which changes the survival row? Now keep N0 and raise the
# size to 45 mm: does the survival row change? Type 20.4 and then 20.6: why do they differ?
# Finally, at 35 mm and N0, switch grade, ER and PR between the HR+/HER2- and the
# triple-negative case: which of the three stages move, and which stays?

# %% [markdown]
# <!-- solution -->
# <details><summary>Model answer</summary>
#
# At 15 mm (T1c) with N0 the stage is IA and the row is localized. N0(i+) changes neither:
# isolated tumour cells are staged as N0. N1mi changes both: stage IB, and regional, because
# micrometastases count as nodal spread. N1 gives stage IIA and stays regional: it changes the
# stage group but not the row. At 45 mm with N0 the tumour is T2, stage IIA, yet still
# localized: the size moves the stage but not the survival row. 20.4 mm is recorded as 20 mm
# (T1c) and 20.6 mm as 21 mm (T2), because AJCC rounds to the nearest whole millimetre before
# the cut-off. At 35 mm with N0, switching from grade 1 ER+ PR+ HER2- to grade 3 triple-negative
# leaves the anatomic stage at IIA but moves both prognostic stages (clinical IB to IIB,
# pathological IA to IIA); the summary stage stays localized, while the survival row changes
# subtype.
#
# </details>

# %% [markdown]
# ## 9. Cases to stage
#
# ### Exercise 4: many nodes
#
# A 60 mm tumour; 12 axillary lymph nodes contain cancer; scans show no distant spread. What
# is the anatomic stage group? Answer in quotes, e.g. `"IIA"`.

# %%
answer = ...
### BEGIN SOLUTION
answer = "IIIC"
### END SOLUTION
exercises.staging.exercise_4(answer)

# %% [markdown]
# ### Exercise 5: the same size, aggressive biology
#
# A 35 mm tumour with clear nodes on ultrasound and no sign of spread (T2 N0 M0, anatomic stage
# IIA). The biopsy shows a grade 3 cancer that is ER-negative, PR-negative and HER2-negative
# (triple-negative). What is its **clinical** prognostic stage? Answer in quotes, e.g. `"IA"`
# (`"Stage IA"` and `"ia"` are read too). Before you
# run the cell, say in one sentence why it is higher than the anatomic stage; the feedback
# gives the reason to compare with.

# %%
answer = ...
### BEGIN SOLUTION
answer = "IIB"
### END SOLUTION
exercises.prognostic.exercise_5(answer)

# %% [markdown]
# ### Exercise 6: a recurrence score, surgery first
#
# Surgery was the first treatment. The pathologist measures a 28 mm tumour (T2) and finds no
# cancer in the sentinel nodes (N0); there is no sign of distant spread (M0). The tumour is
# grade 2, ER-positive, PR-negative and HER2-negative, and its 21-gene recurrence score is 8.
# What is its **pathological** prognostic stage? Answer in quotes, e.g. `"IIA"`.

# %%
answer = ...
### BEGIN SOLUTION
answer = "IA"
### END SOLUTION
exercises.prognostic.exercise_6(answer)

# %% [markdown]
# **Think:** two people both have "stage II" breast cancer: one T2 N0, the other T1 N1. Are
# they in the same row of the survival table? What would you want to know before comparing
# their outlook?

# %% [markdown]
# <!-- solution -->
# <details><summary>Model answer</summary>
#
# No. T2 N0 M0 and T1 N1 M0 are both anatomic stage IIA, but T2 N0 is localized (confined to the
# breast) and T1 N1 is regional (cancer in the nodes), so they sit in different rows of the
# survival table. Before comparing their outlook you would want each tumour's subtype (ER, PR
# and HER2), its grade and so its prognostic stage, how many nodes were involved, the person's
# age and health, how the cancer responds to treatment, and which years of diagnosis the figures
# describe.
#
# </details>

# %% [markdown]
# ## 10. After treatment before surgery: ypTNM
#
# Many people have drug treatment first (neoadjuvant therapy) and surgery afterwards. The
# surgeon's specimen then shows what the treatment left, and AJCC writes those categories with
# a **y** prefix: **ypT** and **ypN** from the pathologist, **ycT**/**ycN** from examination and
# imaging after treatment. The same anatomic table turns them into a post-treatment stage
# group, with two rules from the notes to the AJCC 8th edition stage table:
#
# - a **complete pathological response**, no invasive cancer left in the breast or the nodes
#   (ypT0 or ypTis with ypN0 and cM0), gets **no** stage group;
# - someone who had distant spread (M1) **before** treatment stays **stage IV**, however well
#   the cancer responds (`m1_before_treatment=True` in `staging.anatomic_stage`).
#
# Neither prognostic table is used after neoadjuvant therapy: the clinical prognostic stage is
# the one from before treatment, and the pathological one applies only when surgery comes first.
# SEER's summary stage records the extent at diagnosis too. Eli, in the
# [capstone](07_capstone.ipynb), is an example: cT2 cN0 cM0 before treatment (anatomic IIA;
# clinical prognostic IIB, grade 3 and triple-negative); after neoadjuvant chemotherapy a 9 mm
# invasive tumour was left and the sentinel nodes were clear, ypT1b ypN0(sn) cM0.

# %%
print("Eli after treatment, ypT1b ypN0(sn) cM0 → stage",
      staging.anatomic_stage("ypT1b", "ypN0(sn)", "cM0"))
print("M1 before treatment, then ypT0 ypN0 cM0 → stage",
      staging.anatomic_stage("ypT0", "ypN0", "cM0", m1_before_treatment=True))
try:
    staging.anatomic_stage("ypT0", "ypN0", "cM0")
except ValueError as error:
    print("ValueError:", error)

# %% [markdown]
# ---
# ## Key points
# - Staging combines imaging of the breast (mammogram, ultrasound, sometimes MRI), the nodes
#   (ultrasound, needle biopsy, sentinel node biopsy) and, for clinical stage III or when
#   symptoms or signs suggest spread, the body (CT, bone scan, PET-CT).
# - The size is rounded to the nearest whole millimetre first (above 1 and below 2 mm: 2 mm);
#   T bands then have inclusive upper limits at 1, 5, 10, 20 and 50 mm; chest wall, skin or
#   inflammatory disease is T4 whatever the size.
# - The AJCC 8 anatomic table turns T, N and M into stage 0–IV; micrometastases with T0/T1 are
#   stage IB, with larger tumours they count as N1; isolated tumour cells are N0.
# - Since 2018 US registries use the prognostic stage groups, which add grade, ER, PR, HER2 and
#   the 21-gene score; the anatomic table is for places where those tests are not available.
# - The clinical prognostic stage applies to everyone before treatment; the pathological one
#   only when surgery comes first. Favourable biology moves a stage down (T2 N0 grade 1 ER+ PR+
#   HER2- is pathological IA), aggressive biology up (T2 N0 grade 3 triple-negative is clinical
#   IIB).
# - SEER summary stage (localized, regional, distant) is the row of the survival table; any
#   nodal spread, T4, or fixation or skin involvement short of T4 makes a case regional. One
#   exception: ipsilateral supraclavicular nodes are N3c and stage IIIC for AJCC, but distant
#   for SEER.
# - Several invasive foci: T comes from the largest, with the suffix (m) (12 and 9 mm: T1c(m)).
# - After neoadjuvant treatment the categories carry a "yp" prefix; a complete response
#   (ypT0/ypTis ypN0 cM0) gets no stage group, and M1 before treatment stays stage IV.
#
# ## What's next?
# - Back: [Lesson 2, classification](02_classification.ipynb).
# - Next: [Lesson 4, what the survival figures mean](04_survival.ipynb).
# - [Start page](00_start_here.ipynb) · [Glossary](glossary.md)
#
# ## Sources
# - Amin MB, Edge SB, Greene FL, et al., eds. *AJCC Cancer Staging Manual*, 8th edition.
#   Springer, 2017; breast chapter updated 2018 — size rounding, T, N and M categories
#   (isolated tumour cells, micrometastases, N1a–N3c, M0(i+)), the (m), (sn) and (f) modifiers
#   and the largest focus for several foci, the anatomic stage table and its notes
#   (post-therapy yc/yp categories; no stage group for a complete pathological response; M1
#   before neoadjuvant therapy stays stage IV), the prognostic stage groups and their use by
#   US registries from 2018.
# - Giuliano AE, Connolly JL, Edge SB, et al. Breast cancer — major changes in the American
#   Joint Committee on Cancer eighth edition cancer staging manual. CA Cancer J Clin
#   2017;67:290–303 — what changed in the 8th edition and why anatomic stage was kept.
# - National Cancer Institute. PDQ *Breast Cancer Treatment (Health Professional Version)*,
#   NCBI Bookshelf NBK65744, version 43 — the AJCC clinical prognostic stage table, reprinted
#   with permission (93 of its rows read there; the rest from SEER's encoding below, which
#   agrees with every row read).
# - National Cancer Institute, SEER Program. Staging algorithm for Extent of Disease, version
#   1.7 (2019) — its encoding of the AJCC 8 clinical and pathological prognostic stage tables;
#   the pathological table used here comes from it and has not yet been checked row by row
#   against the PDQ reprint (see `data/prognostic_stage_pathological.meta.json`).
# - Plichta JK, Ren Y, Thomas SM, et al. Implications for breast cancer restaging based on the
#   8th edition AJCC staging manual. Ann Surg 2020;271:169–176 — 493,854 patients restaged:
#   6.8 % moved up and 29.7 % down (US National Cancer Database, 2010–2014).
# - National Cancer Institute, SEER Program. *SEER Summary Stage 2018* coding manual, breast
#   chapter — in situ, localized, regional, distant; fixation and skin involvement as regional
#   extension; isolated tumour cells as node-negative; in situ disease with regional nodes as
#   regional (also in SEER Training's breast summary-stage page); ipsilateral supraclavicular
#   nodes as distant (the Summary Stage 2018 column of SEER's Extent of Disease 2018 breast
#   regional-nodes table). SEER Extent of Disease coding rules for
#   breast tumour size — the 2 mm rounding exception.
# - National Comprehensive Cancer Network. NCCN Clinical Practice Guidelines in Oncology:
#   Breast Cancer, workup pages — imaging for distant spread in clinical stage III, or for
#   symptoms and signs, not routinely in stage I–II.
# - Schnipper LE, Smith TJ, Raghavan D, et al. American Society of Clinical Oncology identifies
#   five key opportunities to improve care and reduce costs: the top five list for oncology.
#   J Clin Oncol 2012;30:1715–1724 — no PET, CT or bone scan to stage early breast cancer at
#   low risk of spread.
# - National Cancer Institute, SEER Program. *Cancer Stat Facts: Female Breast Cancer
#   Subtypes*. https://seer.cancer.gov/statfacts/html/breast-subtypes.html — the survival
#   figures the explorer shows (seed table; see lesson 4 for releases and data years).
#
# Reviewed 2026-12-05 against: AJCC Cancer Staging Manual, 8th edition (breast chapter, 2018
# update), and its prognostic stage tables as reprinted in NCI PDQ Breast Cancer Treatment (HP)
# and encoded by NCI SEER (EOD 1.7);
# SEER Summary Stage 2018 manual (breast); NCCN Guidelines for breast cancer (workup); ASCO
# Choosing Wisely list (Schnipper 2012); Plichta et al. 2020.
