# %% [markdown]
# # 1. What HER2 is, and what HER2-negative means
#
# The HER2 (human epidermal growth factor receptor 2) gene and receptor, how receptors pair up to send growth signals, what "too much HER2"
# means, where HER2-negative tumours sit on the spectrum, how hormones fuel HR+ tumours, and how
# common each subtype is.
#
# *Abbreviations:* HER2, human epidermal growth factor receptor 2; ER, estrogen receptor; PR,
# progesterone receptor; HR+, hormone-receptor positive; IHC, immunohistochemistry; ASCO/CAP,
# American Society of Clinical Oncology and College of American Pathologists; SEER, Surveillance,
# Epidemiology, and End Results Program; FDA, US Food and Drug Administration.
#
# > **For education only.** This lesson teaches how published figures are made and read. It is
# > not medical advice and must not be used for decisions about any person's care.

# %% [markdown]
# ## In plain words
#
# Cells have tiny antennas on their surface. One of them is called HER2. When two antennas
# join, they tell the cell to grow. Some cancers have far too many HER2 antennas; they are
# called HER2-positive. Most breast cancers do not, and they are called HER2-negative. Many
# HER2-negative cancers are fed by the hormones estrogen or progesterone instead, and medicines
# that block those hormones can slow them. Cancers with none of these three signals are called
# triple-negative.

# %% [markdown]
# ## Overview
#
# 1. The HER2 gene and its receptor
# 2. Receptors work in pairs
# 3. Too much HER2: extra gene copies and extra protein
# 4. The copy-number explorer (a cartoon)
# 5. HER2-negative is a spectrum: null, ultralow, low
# 6. Hormone receptors: the other handle
# 7. How common is each subtype?
#
# **Learning objectives.** After this lesson you can:
# - say what ERBB2 and HER2 are and how HER receptors pass on a growth signal;
# - tell gene amplification apart from protein overexpression;
# - place a result of IHC 0, "ultralow" or "low" on the HER2-negative spectrum and say why that
#   matters for treatment since 2022;
# - explain why hormone therapy works for HR+ tumours and not for triple-negative ones;
# - read the share of each subtype off a sourced data file.
#
# **Prerequisites**
#
# | Concept | Needed or helpful | Where to learn it |
# |---|---|---|
# | Genes make proteins | Helpful | any biology primer |
# | Python: calling a function | Helpful | [Start here](00_start_here.ipynb) |
#
# **Time:** about 30 minutes (20 reading, 10 exercises).

# %%
from helpers import biology, exercises
from helpers.datafiles import read_table
from helpers.plots.biology import gene_copies_nucleus, receptor_membrane, subtype_share_chart
from helpers.widgets.biology import copy_number_explorer

# %% [markdown]
# ---
# ## 1. The HER2 gene and its receptor
#
# [*HER2*](glossary.md#her2) stands for human epidermal growth factor receptor 2. The gene that codes for it is
# called **[ERBB2](glossary.md#erbb2)** and lies on the long arm of chromosome 17 (band 17q12). The protein sits in
# the cell membrane: one part outside the cell, one part crossing the membrane, and a kinase
# part inside that can switch on signalling proteins. HER2 belongs to a family of four related
# receptors: EGFR (HER1), HER2, HER3 and HER4 (Yarden and Sliwkowski, 2001).
#
# A normal cell has two copies of ERBB2, one on each chromosome 17:

# %%
biology.NORMAL_COPIES

# %% [markdown]
# ## 2. Receptors work in pairs
#
# HER receptors pass on a signal when two of them join into a pair (a [*dimer*](glossary.md#dimer)). EGFR, HER3 and
# HER4 join when a growth factor binds them. HER2 has no known growth factor of its own, but it
# is the partner the other family members prefer; pairs that contain HER2 send strong, lasting
# signals through pathways such as PI3K/AKT and RAS/MAPK that tell the cell to divide and to
# survive (Yarden and Sliwkowski, 2001). The cartoon below shows why more receptors mean more
# signal: when the membrane is crowded, receptors meet and pair far more often.

# %%
receptor_membrane()

# %% [markdown]
# ## 3. Too much HER2: extra gene copies and extra protein
#
# Two words describe "too much HER2", and they are not the same thing:
#
# - **[Amplification](glossary.md#erbb2)** is about the *gene*: a tumour cell carries many extra copies of ERBB2.
#   It is counted with in-situ hybridisation (ISH), which lights up each copy as a dot. Slamon
#   and colleagues linked amplification to shorter survival in 1987.
# - **[Overexpression](glossary.md#overexpression)** is about the *protein*: the membrane carries far more HER2 than normal.
#   It is seen with immunohistochemistry (IHC), a stain scored 0, 1+, 2+ or 3+.
#
# Amplification usually causes overexpression, but not always in step; that is why the
# ASCO/CAP guideline combines both tests for unclear cases (details and the full rules in
# [lesson 2](02_classification.ipynb)). The figure shows a normal and an amplified nucleus as
# a dual-probe ISH test would show them: HER2 dots and the chromosome 17 centre (CEP17).

# %%
gene_copies_nucleus(12)

# %% [markdown]
# ## 4. The copy-number explorer (a cartoon)
#
# The widget below turns a number of ERBB2 copies per cell into a density of receptors and the
# IHC score such a cell would *typically* give. **This is a teaching cartoon, and its steps are
# illustrative.** In real life a pathologist assigns the IHC score by looking at how the
# membrane stains; it is never worked out from a gene count, and the two agree only roughly.
#
# One part of the cartoon does follow the guideline. The cartoon cell keeps a normal pair of
# chromosome 17, so a dual-probe ISH test would see 2 CEP17 signals and the HER2/CEP17 ratio is
# copies ÷ 2. From 4.0 copies the ratio is at least 2.0, and a ratio of at least 2.0 with at
# least 4.0 copies is ISH group 1: **HER2-positive** (Wolff et al., 2018, affirmed 2023). The
# cut-off of 6.0 copies matters only when the ratio is below 2.0 (lesson 2).
#
# Below 4.0 copies the cartoon cell is not amplified, and the cartoon does not pretend to know
# its score: a tumour without amplification may stain 0, 1+ or 2+, and only the stain tells
# them apart. HER2-low is defined by the stain (IHC 1+, or 2+ with a negative ISH), not by a
# copy count, and "not amplified" means a **negative final ISH result**, not "fewer than 4
# copies". The 4-copy step belongs to this cartoon cell, whose chromosome 17 count is normal.
# In real tumours the ratio and the copy number can point different ways (ISH groups 2 to 4,
# [lesson 2](02_classification.ipynb)): a tumour with 4 to under 6 copies and a ratio below 2.0
# (group 4) is HER2-negative unless IHC is 3+, and one with 6 or more copies and a ratio below
# 2.0 (group 3) is negative when IHC is 0 or 1+. With IHC 1+, or 2+ and a negative ISH, such a
# tumour is HER2-low although it carries 4 or more copies (Wolff et al., 2018, affirmed 2023).

# %%
[(copies, biology.typical_ihc_score(copies)[0]) for copies in (2, 3, 3.99, 4, 6, 12)]

# %%
copy_number_explorer()

# %% [markdown]
# **Try it:** start at 2 copies and move the slider up. At what copy number does the cartoon
# cell first become amplified, so that ISH alone would make it HER2-positive? Then answer
# Exercise 1.
#
# ### Exercise 1: find the step
# Type the lowest copy number at which the explorer shows **ISH group 1**, as a number (for
# example `3`). The answer is exact: the explorer moves in whole steps.

# %%
answer = ...
### BEGIN SOLUTION
answer = 4
### END SOLUTION
exercises.biology.exercise_1(answer)

# %% [markdown]
# <!-- solution -->
# <details><summary>Model answer</summary>
#
# At 4 copies per cell. The cartoon cell keeps two chromosome 17 centres, so the HER2/CEP17
# ratio is the copy number divided by 2: at 4.0 copies the ratio reaches 2.0, and a ratio of at
# least 2.0 with at least 4.0 copies is ISH group 1, HER2-positive (ASCO/CAP 2018, affirmed
# 2023). Below 4 copies the cartoon gives no IHC score, because a tumour without amplification
# may stain 0, 1+ or 2+: only the stain can tell.
#
# </details>

# %% [markdown]
# ## 5. HER2-negative is a spectrum: null, ultralow, low
#
# For the ASCO/CAP guideline a tumour is HER2-negative when IHC is 0 or 1+, or 2+ with a
# negative ISH test (Wolff et al., 2018). The 2023 update affirmed these rules without changing
# them, but it was not a bare "no change": it added a new reporting comment on why IHC 0 versus
# 1+ now matters, and practice points for telling 0 from 1+ apart with care (Wolff et al.,
# 2023). For years the old split was the whole story: HER2-blocking drugs such as trastuzumab
# help only HER2-positive tumours.
#
# That changed with **antibody-drug conjugates**, an antibody joined to a chemotherapy payload.
# Trastuzumab deruxtecan uses HER2 as an address label, so even a small amount of HER2 can be
# enough to deliver the drug.
#
# The trials below report **[medians](glossary.md#median)**. The median is the middle value:
# line up everyone in one arm of a trial by how long it took, and the median is the time of the
# person in the middle. "Median time without progression 10.1 months" means that by 10.1 months
# half of the people in that arm had seen their cancer grow (or had died), and half had not yet.
# A median describes a group; it does not say how long any one person will do well. The two
# trials:
#
# - **HER2-low** (IHC 1+, or 2+ with negative ISH: not amplified). DESTINY-Breast04 enrolled
#   557 people with HER2-low metastatic breast cancer who had already had one or two lines of
#   chemotherapy for metastatic disease (and, if HR+, whose disease had progressed on endocrine
#   therapy or who could not receive it). Its primary comparison was in the HR+ cohort (494
#   people): median time without progression 10.1 months on trastuzumab deruxtecan against 5.4
#   on the doctor's choice of chemotherapy, and median survival 23.9 against 17.5 months. In
#   the whole population, HR-negative people included, the figures were 9.9 vs 5.1 and 23.4 vs
#   16.8 months (Modi et al., 2022). The FDA approved it for HER2-low metastatic disease after
#   chemotherapy in August 2022.
# - **HER2-ultralow** (IHC 0 with faint, incomplete membrane staining in more than 0 % and at
#   most 10 % of cells). DESTINY-Breast06 enrolled 866 people with HR+ metastatic disease after
#   at least one endocrine therapy and **no** chemotherapy for metastatic disease. Its primary
#   population was the 713 with HER2-low disease (median time without progression 13.2 vs 8.1
#   months against chemotherapy; the whole population gave the same medians). The 153 people
#   with HER2-ultralow disease were an exploratory group whose results pointed the same way
#   (Bardia et al., 2024). FDA approval for HR+ HER2-low or -ultralow disease after endocrine
#   therapy followed in January 2025.
# - **HER2-null** (IHC 0, no membrane staining at all).
#
# A report that says only "IHC 0" is HER2-negative, but it does not say which of the last two
# groups the tumour is in. Since 2025 that can matter: ask whether any faint membrane staining
# was seen (ultralow) or none at all (null).
#
# "Low" and "ultralow" are categories from trials and drug labels, not result categories of
# the guideline: the 2023 update chose not to create them, but asked pathologists to separate 0
# from 1+ carefully. How to score these cases is taught in [lesson 2](02_classification.ipynb);
# the treatments in [lesson 5](05_treatment.ipynb).
#
# ### Exercise 2: name the category
# A metastatic tumour's report says: IHC 0, with faint, incomplete membrane staining in 5 % of
# tumour cells. Which category is that for the trials? Answer in quotes, e.g. `"HER2-null"`:
# one of `"HER2-null"`, `"HER2-ultralow"`, `"HER2-low"` or `"HER2-positive"` (the words alone,
# such as `"null"`, and any case are accepted too).

# %%
answer = ...
### BEGIN SOLUTION
answer = "HER2-ultralow"
### END SOLUTION
exercises.biology.exercise_2(answer)

# %% [markdown]
# ## 6. Hormone receptors: the other handle
#
# Most breast cancers carry receptors for estrogen (ER) or progesterone (PR) inside the cell's
# nucleus. When estrogen binds ER, the receptor switches on genes that make the cell divide;
# PR is itself made in response to ER, so PR often goes with working ER signalling. Tumours with
# ER or PR in at least 1 % of cells count as hormone-receptor positive, HR+ (ASCO/CAP 2020;
# Allison et al.).
#
# This is what makes **hormone (endocrine) therapy** work: tamoxifen blocks the receptor;
# aromatase inhibitors stop the body from making most of its estrogen after menopause;
# fulvestrant and newer drugs break the receptor down (National Cancer Institute, *Hormone
# Therapy for Breast Cancer*). Each of these pulls on the same handle.
#
# **Triple-negative** tumours lack all three handles: no ER, no PR and no excess HER2. Blocking
# hormones removes no growth signal from them, and HER2-blocking drugs such as trastuzumab do not
# help, because there is no excess HER2 signal to block. HER2 can still serve as an address
# label, though: a triple-negative tumour that is HER2-low can receive trastuzumab deruxtecan
# (DESTINY-Breast04 included an HR-negative cohort, small and analysed as exploratory, with the
# same direction of benefit: median time without progression 8.5 vs 2.9 months). Their
# treatment relies on chemotherapy, immunotherapy and antibody-drug conjugates
# ([lesson 5](05_treatment.ipynb)).

# %%
exercises.biology.concept_check()

# %% [markdown]
# ## 7. How common is each subtype?
#
# The SEER Program of the US National Cancer Institute publishes the share of new female breast
# cancers by subtype. The data file holds the figures for diagnoses in 2017–2021 (SEER 22).

# %%
subtypes = read_table("subtype_incidence")
subtypes

# %%
subtype_share_chart(subtypes)

# %% [markdown]
# Adding the two HER2-negative rows (HR+/HER2- and triple-negative) gives the share of all new
# cases that are known to be HER2-negative:

# %%
subtypes.set_index("subtype").loc[["HR+/HER2-", "HR-/HER2-"], "share_pct"].sum()

# %% [markdown]
# ### Exercise 3: read the data file
# What percent of new female breast cancers were HR+/HER2- (SEER 22, 2017–2021)? Type the
# number without the % sign, e.g. `12.3`, as the table gives it: the checker accepts ±0.05.

# %%
answer = ...
### BEGIN SOLUTION
answer = 69.5
### END SOLUTION
exercises.biology.exercise_3(answer)

# %% [markdown]
# **Think:** two tumours are both "HER2-negative". One is IHC 0 with no staining, the other is
# IHC 2+ with negative ISH. Why might a patient with metastatic disease care about the
# difference today, when ten years ago nobody did?

# %% [markdown]
# <!-- solution -->
# <details><summary>Model answer</summary>
#
# Both are HER2-negative and neither is helped by trastuzumab-type HER2 blockers. But IHC 2+
# with a negative ISH is HER2-low, and since 2022 (DESTINY-Breast04) people with HER2-low
# metastatic disease who have had chemotherapy can receive trastuzumab deruxtecan, a drug that
# uses even a little HER2 as an address label. An IHC 0 tumour with no staining at all is
# HER2-null and does not qualify; an IHC 0 tumour with faint staining (ultralow) can, in HR+
# disease after endocrine therapy, since January 2025 (DESTINY-Breast06). Ten years ago no
# treatment used small amounts of HER2, so the difference changed nothing. Today it is worth
# asking whether a report of IHC 0 means null or ultralow.
#
# </details>

# %% [markdown]
# ---
# ## Key points
# - ERBB2 is the gene, HER2 the receptor; HER receptors signal in pairs, and HER2 is the
#   favoured partner.
# - Amplification means extra gene copies (seen with ISH); overexpression means extra protein
#   (seen with IHC). They usually, not always, go together.
# - HER2-negative ranges from null through ultralow to low, all of them non-amplified (a
#   negative final ISH result, which can come with 4 or more copies when the ratio is below
#   2.0); since
#   2022 the low end (and since 2025, for HR+ disease after endocrine therapy, the ultralow
#   group) can open treatment with trastuzumab deruxtecan. A plain "IHC 0" does not say null
#   or ultralow: ask.
# - Triple-negative: trastuzumab-type HER2 blockers do not help, but a HER2-low triple-negative
#   cancer can receive trastuzumab deruxtecan.
# - HR+ tumours are fuelled by estrogen and progesterone signalling, so hormone therapy works;
#   triple-negative tumours lack these handles.
# - About 7 in 10 new breast cancers are HR+/HER2- (SEER 22, 2017–2021).
#
# ## What's next?
# - Next: [Lesson 2, from biopsy to report](02_classification.ipynb): the exact IHC, ISH, ER
#   and PR rules.
# - Also: [Lesson 6, the patient's path](06_patient_path.ipynb).
# - [Start page](00_start_here.ipynb) · [Glossary](glossary.md)
#
# ## Sources
# - Yarden Y, Sliwkowski MX. Untangling the ErbB signalling network. Nat Rev Mol Cell Biol
#   2001;2:127–137 (HER family, dimers, HER2 as preferred partner).
# - Slamon DJ, Clark GM, Wong SG, et al. Human breast cancer: correlation of relapse and
#   survival with amplification of the HER-2/neu oncogene. Science 1987;235:177–182.
# - Wolff AC, et al. HER2 testing in breast cancer: ASCO/CAP clinical practice guideline focused
#   update. J Clin Oncol 2018;36:2105–2122; affirmation update J Clin Oncol 2023;41:3867–3872
#   (the 2018 rules affirmed, with a new reporting comment on IHC 0 versus 1+ and practice
#   points for telling them apart).
# - Modi S, et al. Trastuzumab deruxtecan in previously treated HER2-low advanced breast cancer
#   (DESTINY-Breast04). N Engl J Med 2022;387:9–20 (HR+ cohort 494 of 557 patients; HR-negative
#   cohort exploratory).
# - Bardia A, et al. Trastuzumab deruxtecan after endocrine therapy in metastatic breast cancer
#   (DESTINY-Breast06). N Engl J Med 2024;391:2110–2122 (866 patients: 713 HER2-low, the
#   primary population; 153 HER2-ultralow, exploratory).
# - Allison KH, et al. Estrogen and progesterone receptor testing in breast cancer: ASCO/CAP
#   guideline update. J Clin Oncol 2020;38:1346–1366.
# - National Cancer Institute. *Hormone Therapy for Breast Cancer* (fact sheet, cancer.gov).
# - National Cancer Institute, SEER Program. *Cancer Stat Facts: Female Breast Cancer
#   Subtypes*. https://seer.cancer.gov/statfacts/html/breast-subtypes.html — SEER 22, 2017–2021
#   (data file `data/subtype_incidence.csv` and its sidecar).
# - Cleveland Clinic Health Library. *HER2-Negative Breast Cancer* (last reviewed 2025-02-26):
#   the page this collection started from.
#
# Reviewed 2026-12-05 against: Wolff et al. 2018 and 2023 (ASCO/CAP HER2); Allison et al. 2020
# (ASCO/CAP ER/PR); Modi et al. 2022 (DESTINY-Breast04); Bardia et al. 2024 (DESTINY-Breast06);
# SEER Cancer Stat Facts, Female Breast Cancer Subtypes (SEER 22, 2017–2021).
