# %% [markdown]
# # 2. From biopsy to report: HER2, ER/PR and subtype
#
# How a pathologist's stains on a biopsy become "HER2-negative", "HR+", "triple-negative" or
# "HER2-low", rule by rule, as the ASCO/CAP guidelines set them out.
#
# *Abbreviations:* HER2, human epidermal growth factor receptor 2; HR+, hormone-receptor
# positive; ASCO/CAP, American Society of Clinical Oncology and College of American
# Pathologists; ER, estrogen receptor; PR, progesterone receptor; IHC, immunohistochemistry; ISH, in situ
# hybridisation; SEER, Surveillance, Epidemiology, and End Results Program; FDA, US Food and Drug
# Administration.
#
# > **For education only.** This lesson teaches how published figures are made and read. It is
# > not medical advice and must not be used for decisions about any person's care.

# %% [markdown]
# ## In plain words
#
# A small piece of the tumour is stained in the laboratory. One stain shows how much HER2
# protein sits on the outside of the cancer cells. If that stain is unclear, a second test counts
# copies of the HER2 gene inside each cell. Other stains show whether the cells carry receptors
# for the hormones estrogen and progesterone. Together these results sort the cancer into one
# of four groups, and the group guides treatment.

# %% [markdown]
# ## Overview
#
# 1. What IHC and ISH measure
# 2. Reading a HER2 IHC score
# 3. Why 2+ needs ISH: the five ISH groups
# 4. Counting signals yourself: the ISH simulator
# 5. HER2-low and HER2-ultralow
# 6. ER and PR, and the other scales labs report
# 7. Subtype, and the classifier
#
# **Learning objectives.** After this lesson you can:
# - say what an IHC score and an ISH result measure, and where in the cell;
# - turn an IHC score and, when needed, an ISH ratio and copy number into a HER2 result;
# - explain what "HER2-low" and "HER2-ultralow" are, and what they are not;
# - classify ER and PR, compute an Allred score and an H-score, and name the subtype.
#
# **Prerequisites**
#
# | Concept | Needed or helpful | Where to learn it |
# |---|---|---|
# | What HER2 is | Helpful | [Lesson 1](01_her2_biology.ipynb) |
# | Percentages | Needed | — |
# | Python function calls | Helpful | [Start page](00_start_here.ipynb) |
#
# **Time:** about 45 minutes (25 reading, 20 exercises).

# %%
from helpers import exercises
from helpers.datafiles import read_table
from helpers.her2 import FINAL_RESULTS, IHC_SCORES, ISH_GROUPS, classify_her2, ish_group
from helpers.receptors import allred_score, classify_receptor, h_score
from helpers.subtype import is_er_low, molecular_subtype
from helpers.plots.classification import her2_flowchart, staining_panels
from helpers.widgets.classification import classifier, ish_simulator
import helpers.exercises.classification  # noqa: F401  (the lesson's exercise checkers)

# %% [markdown]
# ---
# ## 1. What IHC and ISH measure
#
# [IHC](glossary.md#ihc) (immunohistochemistry) uses an antibody that sticks to the HER2
# protein; a brown colour marks where it bound. HER2 is a receptor in the cell **membrane**, so
# the pathologist looks at the outline of each cell: how much of the outline is stained, how
# strongly, and in what share of the invasive tumour cells.
#
# [ISH](glossary.md#ish) (in situ hybridisation) instead counts copies of the HER2 **gene**
# inside the **nucleus**. A dual-probe test marks HER2 in one colour and
# [CEP17](glossary.md#cep17), a reference point on the same chromosome, in another. The ratio
# of the two counts, and the average number of HER2 copies per cell, tell whether the gene is
# amplified (ASCO/CAP HER2 guideline 2018, affirmed 2023).

# %% [markdown]
# ## 2. Reading a HER2 IHC score
#
# The guideline's IHC table is held in the library as data. Each row is one score, the staining
# that defines it, and the result. The >10 % threshold refers to the share of invasive tumour
# cells.

# %%
for row in IHC_SCORES:
    print(f"IHC {row.score}: {row.staining} → {row.result}")

# %% [markdown]
# The drawing below shows what the words mean. Each panel is stylised, not a photograph: a
# brown ring is stained membrane, a thicker ring is stronger staining, and a broken ring is
# incomplete staining.

# %%
staining_panels()

# %% [markdown]
# Without ISH, `classify_her2` reads the IHC table. An IHC 0 is HER2-negative, but a report that
# says only "0" does not tell HER2-null (no membrane staining) from HER2-ultralow (faint,
# incomplete membrane staining in more than 0 % and at most 10 % of cells). The library does not
# guess: a plain `"0"` comes back as `"0 (not subclassified)"`, with an explanation that asks
# which it is. Write `"0 (null)"` or `"0 (ultralow)"` when the report says.

# %%
for score in ("0", "0 (null)", "0 (ultralow)", "1+", "2+", "3+"):
    result = classify_her2(score)
    print(f"IHC {score:13} → status {result.status:9} expression {result.expression}")
print()
print(classify_her2("0").explanation)

# %% [markdown]
# ### Exercise 1: classify a case
#
# Case C10 from the case library has IHC 2+, an ISH ratio of 1.99 and 4.0 HER2 copies per cell.
# What is the final HER2 result: `"positive"`, `"negative"` or `"equivocal"`? Answer in quotes,
# e.g. `"positive"` (`"HER2-negative"` and any case are read too). Work it out from the tables
# before you check.

# %%
cases = read_table("pathology_cases")
cases[["id", "description", "ihc", "ish_ratio", "her2_copies"]].head(12)

# %%
answer = ...  # "positive", "negative" or "equivocal"
### BEGIN SOLUTION
answer = "negative"
### END SOLUTION
exercises.classification.exercise_1(answer)

# %% [markdown]
# ## 3. Why 2+ needs ISH: the five ISH groups
#
# An IHC 2+ result sits between clearly negative and clearly positive, so the guideline asks for
# a reflex test: ISH on the same specimen, or a new test (IHC or ISH) on a new specimen if one
# is available. At least 20 nuclei are counted. The ratio cut-off is 2.0 and the copy cut-offs
# are 4.0 and 6.0; each boundary is inclusive (a ratio of exactly 2.0 counts as "≥2.0"). Group 1,
# a ratio of at least 2.0 with at least 4.0 copies, is positive: the 6.0 cut-off only matters
# when the ratio is below 2.0 (group 3).

# %%
for group in ISH_GROUPS:
    print(f"Group {group.group}: {group.description}")

# %% [markdown]
# Groups 2, 3 and 4 are unusual: ratio and copy number point in different directions. For
# these the final result depends on the IHC score read alongside, and with IHC 2+ a second
# observer recounts first. The library keeps the guideline's group × IHC table as data:

# %%
for row in FINAL_RESULTS:
    print(f"group {row.group}, IHC {row.ihc:4} → {row.status:8}  ({row.rule})")

# %% [markdown]
# The flowchart is drawn from the same three tables the code reads, so the picture and the
# code cannot disagree.

# %%
her2_flowchart()

# %% [markdown]
# The boundaries in action: a ratio of 2.0 and of 1.99, with 4.0 copies.

# %%
print(ish_group(2.0, 4.0), ish_group(1.99, 4.0), ish_group(2.0, 3.99), ish_group(1.5, 6.0),
      ish_group(1.5, 5.99))

# %% [markdown]
# ### Exercise 2: find the group
#
# Case C14 has an ISH ratio of 1.5 and 6.0 HER2 copies per cell. Which [ISH group](glossary.md#ish-group) is it in
# (a whole number from 1 to 5, e.g. `2`; exact)?

# %%
answer = ...
### BEGIN SOLUTION
answer = 3
### END SOLUTION
exercises.classification.exercise_2(answer)

# %% [markdown]
# ## 4. Counting signals yourself: the ISH simulator
#
# The simulator draws a field of nuclei from a true ratio and copy number that you choose. Red
# circles are HER2 signals and green triangles are CEP17 signals. Type your counts for nuclei
# 1 to 20 as `HER2,CEP17` pairs (for example `5,2 4,2 6,3 ...`), or leave the box empty to see
# a fair automatic count. The helper computes the ratio, the mean copies, the group and the
# result, and says how far the count is from the truth.

# %%
ish_simulator()

# %% [markdown]
# **Question:** set the true ratio to 2.1 and the true copies to 4.2, then change the field
# number a few times. How often does a fair count of 20 nuclei land in a different group from
# the truth? What does that tell you about cases near a cut-off, and about the guideline's
# recount step?

# %% [markdown]
# <!-- solution -->
# <details><summary>Model answer</summary>
#
# Often. The true values are group 1 (ratio at least 2.0 with at least 4.0 copies), but both sit
# just above a cut-off, so the chance differences between 20 nuclei push many counts below 2.0
# or below 4.0 copies: in fields 0 to 199 of the simulator, about 6 fair counts in 10 landed in
# group 2, 4 or 5 instead of group 1. Near a cut-off, a count of 20 nuclei is not precise enough
# to trust on its own. This is why the guideline asks a second observer to recount (at least 20
# more nuclei) when the groups are unusual and IHC is 2+, and why a result close to a cut-off
# deserves a careful look rather than a single reading.
#
# </details>

# %% [markdown]
# ## 5. HER2-low and HER2-ultralow
#
# For years, IHC 0 and 1+ were treated alike: both are HER2-negative. That changed when
# trastuzumab deruxtecan, an [antibody-drug conjugate](glossary.md#antibody-drug-conjugate),
# helped people whose metastatic cancer was IHC 1+, or 2+ with negative ISH: HER2-low, which is
# non-amplified by definition.
#
# - **DESTINY-Breast04** (Modi et al., 2022) enrolled 557 people with HER2-low metastatic
#   disease after one or two lines of chemotherapy for metastatic disease. The primary analysis
#   was in the HR+ cohort (494 people): median time without progression 10.1 vs 5.4 months
#   against the doctor's choice of chemotherapy. The whole population, which included a small
#   HR-negative (triple-negative) cohort analysed as exploratory, gave 9.9 vs 5.1 months, and
#   median survival 23.4 vs 16.8 months. FDA approval followed in August 2022, whatever the HR
#   status: a HER2-low triple-negative cancer can receive the drug, although trastuzumab-type
#   HER2 blockers do nothing for it.
# - **DESTINY-Breast06** (Bardia et al., 2024) enrolled 866 people with HR+ metastatic disease
#   after at least one endocrine therapy and no chemotherapy for metastatic disease. The primary
#   population was the 713 with HER2-low disease (13.2 vs 8.1 months without progression); 153
#   had HER2-*ultralow* disease (IHC 0 with faint, incomplete membrane staining in more than 0 %
#   and at most 10 % of cells), an exploratory group whose results pointed the same way. FDA
#   approval for HR+ HER2-low or -ultralow disease followed in January 2025.
#
# **These are trial and drug-label categories, not ASCO/CAP result categories.** The 2023
# ASCO/CAP update affirmed the 2018 rules and chose not to create "HER2-low" or "HER2-ultralow"
# as results: the formal result stays positive, negative or equivocal. What it did add was a new
# reporting comment that explains why IHC 0 versus 1+ now matters, and practice points for
# separating 0 from 1+ with care, because that line now decides whether a drug can be offered.
# The library reports the split in the `expression` field: `"low"`, `"ultralow"`, `"null"`, or
# `"0 (not subclassified)"` for an IHC 0 whose report does not say which.
# See [HER2-low](glossary.md#her2-low).

# %%
exercises.classification.concept_check()

# %% [markdown]
# ## 6. ER and PR, and the other scales labs report
#
# For [ER and PR](glossary.md#er-pr), the ASCO/CAP 2020 guideline counts the percentage of
# tumour nuclei that stain, at any intensity. Under 1 % is negative; 1 % or more is positive.
# Within the positives, an ER result of 1–10 % gets its own label, "low positive"
# ([ER-low](glossary.md#er-low)), and a recommended comment. In our words, it says that data on
# the benefit of hormone (endocrine) therapy for such tumours are limited but "suggest possible
# benefit", so these patients are considered eligible for endocrine treatment; and that the
# tumours vary and often look, in their gene activity, more like ER-negative ones (Allison et
# al., 2020). It is still a positive result. PR has no such band: the 1 % cut-off is its only
# rule. Some treatment teams also weigh the treatments used for triple-negative disease for
# ER-low cancers; that is their practice, not a recommendation of this testing guideline.

# %%
for pct in (0, 0.99, 1, 10, 10.01, 60):
    print(f"{pct:>6} %: ER {classify_receptor(pct, 'ER'):13} PR {classify_receptor(pct, 'PR')}")

# %% [markdown]
# Some laboratories also report older scales. They are shown here as *other scales*, not as the
# guideline's rule. The [Allred score](glossary.md#allred-score) adds a proportion score (0–5)
# to an intensity score (0–3); a total of 3 or more was its original positive cut-off (Harvey
# et al., 1999). The [H-score](glossary.md#h-score) weights each intensity:
# 1 × % weak + 2 × % moderate + 3 × % strong, from 0 to 300 (McCarty et al., 1985).

# %%
print(allred_score(50, "moderate"))
print(allred_score(5, "weak"))
print(h_score(10, 20, 30))

# %% [markdown]
# ### Exercise 3: compute an H-score
#
# A tumour has 20 % of nuclei staining weakly, 30 % moderately and 10 % strongly. What is its
# H-score? You may compute it by hand or with `h_score`. Give a number, e.g. `150`; the answer
# is exact.

# %%
answer = ...
### BEGIN SOLUTION
answer = h_score(20, 30, 10)
### END SOLUTION
exercises.classification.exercise_3(answer)

# %% [markdown]
# ## 7. Subtype, and the classifier
#
# A tumour is [hormone-receptor positive](glossary.md#hormone-receptor) (HR+) when ER or PR is
# at least 1 %. With the HER2 result this gives the four subtypes SEER reports: HR+/HER2-,
# HR-/HER2- ([triple-negative](glossary.md#triple-negative)), HR+/HER2+ and HR-/HER2+. A HER2
# result that is still equivocal gives no subtype: ISH must settle it first.

# %%
print(molecular_subtype(1, 0, "negative"), is_er_low(1))
print(molecular_subtype(0.99, 0, "negative"))

# %% [markdown]
# ### Exercise 4: name the subtype
#
# Case C05 has IHC 1+, ER 1 % and PR 0 %. What is its subtype? Answer in quotes, e.g.
# `"HR-/HER2-"`: one of `"HR+/HER2-"`, `"HR-/HER2-"` (or `"triple-negative"`), `"HR+/HER2+"`,
# `"HR-/HER2+"`.

# %%
answer = ...
### BEGIN SOLUTION
answer = "HR+/HER2-"
### END SOLUTION
exercises.classification.exercise_4(answer)

# %% [markdown]
# The classifier puts every rule together. Enter an IHC score, the ISH values if ISH was done,
# and ER and PR percentages. A bad entry (a negative ratio, a percentage over 100, only one of
# the two ISH values) shows the message the library raises.

# %%
classifier()

# %% [markdown]
# **Question:** starting from IHC 2+ with no ISH, enter a ratio of 1.99 and then 2.0 with 4.0
# copies. Which results change, and which stay the same? Then set ER to 5 %: what note appears,
# and why might a doctor treat such a tumour differently from one with ER 90 %?

# %% [markdown]
# <!-- solution -->
# <details><summary>Model answer</summary>
#
# With IHC 2+ and no ISH the HER2 result is equivocal and there is no subtype yet. A ratio of
# 1.99 with 4.0 copies is ISH group 4 and, with IHC 2+, HER2-negative (HER2-low); a ratio of 2.0
# with 4.0 copies is group 1, HER2-positive. So the ISH group, the HER2 status, the expression
# (low or positive) and the subtype (HER2- or HER2+) change across one hundredth of a ratio; the
# IHC score and the ER and PR results stay the same. ER at 5 % is still positive, but the
# classifier adds the ER-low note (1-10 %). The comment ASCO/CAP 2020 recommends says data on
# the benefit of hormone therapy are limited but suggest possible benefit, so such patients are
# considered eligible for it, and that these tumours vary and often behave more like
# ER-negative ones. Because of that behaviour a treatment team may also weigh the treatments
# used for triple-negative disease; that is clinical practice, not part of the ASCO/CAP
# guideline.
#
# </details>

# %% [markdown]
# **Think:** HER2-low is not a formal result, yet it decides whether a drug can be given. What
# problems could arise when a category that matters for treatment rests on the line between
# IHC 0 and 1+, a reading that pathologists do not always agree on?

# %% [markdown]
# <!-- solution -->
# <details><summary>Model answer</summary>
#
# The IHC test was designed to find HER2-positive tumours, not to grade small amounts of HER2,
# and pathologists do not always agree on 0 versus 1+. A patient may then be left out of a
# treatment that could help, or offered one on a borderline reading; another sample (a different
# part of the tumour, or a metastasis) can give a different score; and results from laboratories
# with different antibodies and habits are hard to compare. This is why the 2023 ASCO/CAP update
# asked laboratories to separate 0 from 1+ with care and to say why it matters in the report,
# and why it is reasonable to ask for a retest or a second review when the result decides a
# treatment.
#
# </details>

# %% [markdown]
# ---
# ## Key points
# - IHC measures HER2 protein on the membrane; ISH counts HER2 gene copies in the nucleus.
# - IHC 3+ is positive, 0 and 1+ are negative, 2+ is equivocal and needs a reflex test (ISH on
#   the same specimen, or a new test on a new specimen).
# - A report of plain IHC 0 should say null or ultralow; the library answers "0 (not
#   subclassified)" until it does.
# - ISH gives five groups by ratio (2.0) and copies per cell (4.0, 6.0); group 1 (ratio ≥2.0,
#   ≥4.0 copies) is positive; groups 2–4 need the IHC score read alongside (ASCO/CAP 2018,
#   affirmed 2023).
# - HER2-low and -ultralow are trial and drug-label categories within HER2-negative results,
#   not ASCO/CAP result categories.
# - ER/PR ≥1 % is positive; ER 1–10 % is "low positive" (ASCO/CAP 2020); HR+ means ER or PR
#   positive.
#
# ## What's next?
# - Back: [Lesson 1, HER2 biology](01_her2_biology.ipynb).
# - Next: [Lesson 3, staging](03_staging.ipynb).
# - [Start page](00_start_here.ipynb) · [Glossary](glossary.md)
#
# ## Sources
# - Wolff AC, Hammond MEH, Allison KH, et al. Human epidermal growth factor receptor 2 testing
#   in breast cancer: ASCO/CAP clinical practice guideline focused update. J Clin Oncol
#   2018;36:2105–2122 (also Arch Pathol Lab Med 2018;142:1364) — IHC scores, ISH groups, final
#   results.
# - Wolff AC, Somerfield MR, Dowsett M, et al. HER2 testing in breast cancer: ASCO–CAP guideline
#   update (affirmation). J Clin Oncol 2023;41:3867–3872 — the 2018 rules affirmed; a new
#   reporting comment on IHC 0 vs 1+ and practice points for telling them apart; no new HER2-low
#   category.
# - Modi S, Jacot W, Yamashita T, et al. Trastuzumab deruxtecan in previously treated HER2-low
#   advanced breast cancer (DESTINY-Breast04). N Engl J Med 2022;387:9–20.
# - Bardia A, Hu X, Dent R, et al. Trastuzumab deruxtecan after endocrine therapy in metastatic
#   breast cancer (DESTINY-Breast06). N Engl J Med 2024;391:2110–2122.
# - Allison KH, Hammond MEH, Dowsett M, et al. Estrogen and progesterone receptor testing in
#   breast cancer: ASCO/CAP guideline update. J Clin Oncol 2020;38:1346–1366.
# - Harvey JM, Clark GM, Osborne CK, Allred DC. J Clin Oncol 1999;17:1474–1481 (Allred score).
# - McCarty KS Jr, et al. Arch Pathol Lab Med 1985;109:716 (H-score).
# - Data file and sidecar: `data/pathology_cases.csv`, `data/pathology_cases.meta.json`
#   (virtual cases, expected results worked out by hand from the guidelines above).
#
# Reviewed 2026-12-05 against: Wolff et al. 2018 and 2023 (ASCO/CAP HER2); Allison et al. 2020
# (ASCO/CAP ER/PR); Modi et al. 2022 (DESTINY-Breast04); Bardia et al. 2024 (DESTINY-Breast06).
