# %% [markdown]
# # 4. What the survival figures mean
#
# How a five-year survival table for HER2-negative breast cancer is made, how to read it, and
# what it can and cannot tell a person.
#
# *Abbreviations:* HER2, human epidermal growth factor receptor 2; HR+, hormone-receptor
# positive; SEER, Surveillance, Epidemiology, and End Results Program; AJCC, American Joint
# Committee on Cancer; NCI, US National Cancer Institute; GBSG2, German Breast Cancer Study Group
# 2.
#
# > **For education only.** This lesson teaches how published figures are made and read. It is
# > not medical advice and must not be used for decisions about any person's care.
#
# > **A note for readers with a diagnosis.** This lesson is about survival figures, including
# > those for cancer that has spread. They describe large groups of people diagnosed years ago,
# > before many of today's treatments, and they cannot say what will happen to you. Read it at
# > your own pace, skip what you would rather not see, and ask your care team what your own
# > results mean.

# %% [markdown]
# ## In plain words
#
# Doctors often quote "five-year survival". It is a number about large groups of people who
# were diagnosed in past years. The biggest thing that changes it is how far the cancer had
# spread when it was found. The type of cancer matters too, but less. Counting all stages
# together, the most common type (HR+/HER2-) has the highest figure. It is not the highest at
# every stage, though.
# The number cannot tell any one person what will happen to them.

# %% [markdown]
# ## Overview
#
# 1. The survival table
# 2. What "relative survival" means
# 3. Stage matters more than subtype
# 4. Reshaping the table with pandas
# 5. Figures move between releases
# 6. The survival explorer
# 7. Real patients: a Kaplan-Meier curve
# 8. Hormone therapy in the GBSG2 trial
#
# **Learning objectives.** After this lesson you can:
# - read a 5-year relative survival figure and say in words what it does and does not mean;
# - explain why stage at diagnosis changes survival more than subtype does;
# - pivot and compare a tidy table with pandas;
# - read a 5-year figure off a Kaplan-Meier curve and interpret a log-rank test.
#
# **Prerequisites**
#
# | Concept | Needed or helpful | Where to learn it |
# |---|---|---|
# | Subtypes HR+/HER2- and triple-negative | Needed | [Lesson 2](02_classification.ipynb) |
# | Localized, regional, distant | Helpful | [Lesson 3](03_staging.ipynb) |
# | pandas: picking rows and columns of a table | Needed | [Start page](00_start_here.ipynb#Python-you-need); [pandas "10 minutes to pandas"](https://pandas.pydata.org/docs/user_guide/10min.html) |
#
# **Time:** about 40 minutes (20 reading, 20 exercises).

# %%
from helpers import survival, exercises
from helpers.kaplan_meier import load_gbsg2, kaplan_meier, survival_at, compare_hormone_therapy
from helpers.plots.survival import survival_bars, icon_arrays_side_by_side, km_plot
from helpers.widgets.survival import survival_explorer

# %% [markdown]
# ---
# ## 1. The survival table
#
# The SEER Program of the US National Cancer Institute follows people with cancer in registries
# that cover about half of the US population. For women with breast cancer it publishes
# [5-year relative survival](glossary.md#relative-survival) by subtype and by how far the
# cancer had spread at diagnosis. For those rows SEER used **SEER Combined Summary Stage**
# (localized, regional, distant; see [SEER summary stage](glossary.md#seer-summary-stage)), not
# the AJCC stage groups of lesson 3. The table the collection started from shows the two
# HER2-negative subtypes. `load_survival_table()` returns it as a tidy table: one row per
# subtype and stage.

# %%
table = survival.load_survival_table()
table

# %% [markdown]
# The same figures as a chart. Each subtype has a colour and a hatch pattern, and each bar
# carries its value, so the chart can be read without telling colours apart.

# %%
survival_bars(table, title="5-year relative survival, HER2-negative subtypes (seed table)")

# %% [markdown]
# ### Exercise 1: read the table
#
# What is the 5-year relative survival of **triple-negative** breast cancer that had spread to
# **regional** lymph nodes? Type the number without the % sign, e.g. `50`; the checker accepts
# ±0.5 (the table gives whole numbers).

# %%
answer = ...
### BEGIN SOLUTION
answer = 67
### END SOLUTION
exercises.survival.exercise_1(answer)

# %% [markdown]
# ## 2. What "relative survival" means
#
# Relative survival compares two groups: people diagnosed with the cancer, and the people
# expected to be alive in the general population if they had the same age, sex and race and
# lived through the same calendar years. SEER takes that expected survival from US life tables
# (SEER*Stat help, *Expected Survival*). The subtype table covers **women only**. A figure of
# 90 % means that, five years after diagnosis, the women with the cancer were 90 % as likely to
# be alive as their matched peers. It does not need to know the cause of each death: the
# comparison with the general population takes care of deaths from other causes.
#
# So a relative survival of 100 % does not mean that nobody died of breast cancer. It means the
# women with the cancer were, as a group, about as likely to be alive as women of their age in
# the general population: many localized HR+ cancers are found by screening in women who are
# otherwise as healthy as their peers, or healthier, and that can balance the deaths the cancer
# does cause.
#
# Which people are in it? Everyone diagnosed in the years the table names (for example 2013 to
# 2019), including those diagnosed near the end of that span. Someone diagnosed in 2019 has
# been followed for only a short time when the table is made; SEER's usual method counts them
# for the time they have been followed, and the later years of the five come from people
# diagnosed earlier in the span (NCI Surveillance Research Program, *Cancer Survival
# Statistics: Cohort Definition Using Diagnosis Year*).
#
# Three things it is **not**:
# - It is not one person's chance. A person's outlook depends on age, health, the tumour's
#   grade and biology, and how it responds to treatment.
# - It is not about today's treatments. The people in it were diagnosed and treated years
#   before the table was published, and the last years of the five-year figure rest on those
#   diagnosed earliest. Treatments introduced since (lesson 5) are barely in it.
# - It is not a cure rate. Some people alive at five years still have cancer, and HR+ cancers
#   can come back after many years.
#
# A picture of 100 people can make a percentage concrete. Here are the two ends of the
# triple-negative row of the seed table side by side: cancer found while it was still only in
# the breast (localized), and cancer that had already reached distant organs (distant). Each
# filled figure is one person in 100 alive five years later, relative to the general population:
# the pictures show relative survival, not observed survival (the share actually alive).

# %%
icon_arrays_side_by_side(
    (survival.survival_pct("HR-/HER2-", "localized"), "Localized: only in the breast"),
    (survival.survival_pct("HR-/HER2-", "distant"), "Distant: spread to distant organs"),
    title="Triple-negative breast cancer: 5-year relative survival",
    source="Source: SEER figures, rounded, as quoted by the Cleveland Clinic (2025): the seed table",
)

# %%
for stage in ("localized", "distant"):
    print(survival.survival_sentence("HR-/HER2-", stage))

# %% [markdown]
# ### Concept check
# Choose an answer and press **Check** (you can use the Tab and arrow keys).

# %%
exercises.survival.concept_check()

# %% [markdown]
# ## 3. Stage matters more than subtype
#
# Read the table along a row and then down a column. Between the two subtypes at the same stage
# the gap is at most 23 points (regional). Between stages for the same subtype it is up to 78
# points (triple-negative, localized against distant). Whether a cancer has reached distant
# organs changes the outlook more than its receptors do.
#
# In the seed table HR+/HER2- cancers have higher figures than triple-negative ones at every
# stage. Most grow more slowly, and they can be treated with
# [hormone (endocrine) therapy](glossary.md#endocrine-therapy) for years. Triple-negative
# cancers lack that target: they have no hormone receptors and no excess HER2, so chemotherapy
# and immunotherapy carry the treatment. Whether HR+/HER2- has the best figures of *all*
# subtypes is a different question, which section 5 answers with the full table.
#
# ### Exercise 2: fill in a line of pandas
# Using `table`, compute how many percentage points separate **localized** from **distant**
# survival for **HR+/HER2-** cancers (localized minus distant). The first line picks the
# HR+/HER2- figures, one per stage; in the second, replace the `...` with the stage to
# subtract, in quotes (e.g. `"regional"`). Give the number; the checker accepts ±0.5.

# %%
hr_pos = table[table["subtype"] == "HR+/HER2-"].set_index("stage")["survival_pct"]
answer = hr_pos["localized"] - hr_pos[...]
### BEGIN SOLUTION
answer = hr_pos["localized"] - hr_pos["distant"]
### END SOLUTION
exercises.survival.exercise_2(answer)

# %% [markdown]
# ## 4. Reshaping the table with pandas
#
# A tidy table (one row per observation) is easy to filter and plot. People often read the
# wide layout more easily: stages down the side, subtypes across the top, as in the source.
# `pivot` turns one into the other.
#
# ### Exercise 3: pivot
# Now a whole expression: make `answer` the seed table with one row per **stage** and one
# column per **subtype**.

# %%
answer = ...
### BEGIN SOLUTION
answer = table.pivot(index="stage", columns="subtype", values="survival_pct")
### END SOLUTION
exercises.survival.exercise_3(answer)

# %% [markdown]
# With the wide table, the gap between subtypes is one subtraction per row:

# %%
wide = table.pivot(index="stage", columns="subtype", values="survival_pct")
wide["gap (points)"] = wide["HR+/HER2-"] - wide["HR-/HER2-"]
wide.loc[["localized", "regional", "distant"]]

# %% [markdown]
# ## 5. Figures move between releases
#
# SEER updates its tables as years of diagnosis are added. The page that quoted the seed table
# gives whole numbers and does not say which release or which years of diagnosis they come
# from. SEER's table for people diagnosed from 2013 to 2019 gives, for example, 34.0 % rather
# than 35 % for distant HR+/HER2- disease and 12.8 % rather than 14 % for distant
# triple-negative disease. Which release the seed comes from is unknown, and the small
# differences do not tell us: rounding and each release's own years of diagnosis both move the
# figures. Neither table is wrong: they describe different groups of people. **Always name
# the data years** when you quote a figure. The helper keeps each release as a separate table,
# so rows from different years are never mixed:

# %%
survival.compare_releases("seed", "2013-2019")

# %% [markdown]
# The 2013–2019 release also has the two HER2-positive subtypes, so it can answer the question
# from section 3: which subtype has the highest figure at each stage?
# `highest_by_stage()` compares the four subtypes stage by stage:

# %%
survival.highest_by_stage("2013-2019")

# %% [markdown]
# HR+/HER2- has the highest figure at the localized and regional stages (at the regional stage
# only just: 90.3 % against 89.8 % for HR+/HER2+). At the distant stage both HER2-positive
# subtypes are higher (45.6 % and 39.5 % against 34.0 %; SEER, 2013–2019 diagnoses).
# HER2-targeted drugs are one likely reason (Howlader et al., 2018). Against triple-negative
# disease, HR+/HER2- is higher at every stage.

# %%
survival_bars(survival.load_survival_table("2013-2019"))

# %% [markdown]
# For all stages together, SEER gives figures for a slightly later period (diagnoses 2014–2020),
# so they sit in a table of their own. Counted this way, over all stages, HR+/HER2- has the
# highest figure (95.1 %):

# %%
survival.load_survival_table("2014-2020")

# %% [markdown]
# ## 6. The survival explorer
#
# Choose a subtype and a stage to see the figure, 100 people, and a sentence that says what it
# means. Or type a percentage into **Try a percentage** to see any figure as 100 people
# (clear the box to go back to the table).
#
# **Question:** for which stage is the gap between the two subtypes widest, in people out of
# 100? What do you see if you type 130?

# %%
survival_explorer()

# %% [markdown]
# <!-- solution -->
# <details><summary>Model answer</summary>
#
# Regional: 90 against 67 people out of 100 in the seed table, a gap of 23 people (localized:
# 100 against 92, a gap of 8; distant: 35 against 14, a gap of 21). Typing 130 shows a message
# in words, that the survival percent must be a number between 0 and 100 %, instead of a
# picture: no figure of 100 people can have 130 alive, and the explorer stays usable.
#
# </details>

# %% [markdown]
# ## 7. Real patients: a Kaplan-Meier curve
#
# SEER's figures come from registries. Trials follow their patients one by one, and their
# results are drawn as [Kaplan-Meier curves](glossary.md#kaplan-meier-estimate): the curve
# steps down each time an event (here: the cancer coming back, or death) happens, and people
# who leave follow-up early ("[censored](glossary.md#censoring)") count for as long as they were watched.
#
# The German Breast Cancer Study Group 2 (GBSG2) trial data ship with the lifelines library:
# 686 women with node-positive breast cancer treated in the 1980s (Schumacher et al., 1994).
# Its limits: women with cancer in their lymph nodes only, treatments of the 1980s, and HER2
# status was not recorded, so it is not a HER2-negative cohort; the outcome is recurrence-free
# survival, not relative survival.

# %%
gbsg2 = load_gbsg2()
gbsg2[["age", "tsize", "pnodes", "horTh", "years", "cens"]].describe().round(1)

# %%
everyone = kaplan_meier(gbsg2, "all patients")
km_plot([everyone])

# %% [markdown]
# To read a 5-year figure, go up from 5 years on the time axis to the curve, then across to the
# vertical axis:

# %%
round(100 * survival_at(everyone, 5.0), 1)

# %% [markdown]
# ## 8. Hormone therapy in the GBSG2 trial
#
# Some of the women took tamoxifen, a hormone therapy. The curves below compare the two
# groups, and a [log-rank test](glossary.md#log-rank-test) asks whether the gap between them
# is larger than chance would easily make. The trial did not assign tamoxifen at random to
# everyone, and receptor status differed between women, so this comparison shows the method,
# not the size of tamoxifen's benefit.

# %%
with_tamoxifen, without, log_rank = compare_hormone_therapy(gbsg2)
km_plot([with_tamoxifen, without], log_rank=log_rank,
        title="Recurrence-free survival with and without tamoxifen, GBSG2")

# %%
print(f"log-rank test statistic {log_rank.test_statistic:.2f}, p = {log_rank.p_value:.4f}")

# %% [markdown]
# ### Exercise 4: read the curve
# The chart prints the 5-year readings. Read one it does not print: what share (in %) of the
# women who took tamoxifen were free of recurrence and alive at **3 years**? Go up from 3 on
# the time axis to the tamoxifen curve, then across. Type a number without the % sign, e.g.
# `50`; a reading within 3 points counts.

# %%
answer = ...
### BEGIN SOLUTION
answer = 71
### END SOLUTION
exercises.survival.exercise_4(answer)

# %% [markdown]
# **Think:** a friend reads that "triple-negative distant disease has 14 % survival" and
# concludes that treatment is pointless. What would you tell them about what the figure
# describes, and when those people were diagnosed?

# %% [markdown]
# <!-- solution -->
# <details><summary>Model answer</summary>
#
# The figure is a 5-year relative survival for a group: women whose triple-negative cancer had
# already spread to distant organs when it was found, diagnosed years before the table was
# published (the seed table names no years; SEER's 2013-2019 table gives 12.8 %). It compares
# them with people of the same age, sex and race in the general population over the same years;
# it is not one person's chance. It does not say that treatment fails: in distant disease
# treatment aims to control the cancer, lengthen life and ease symptoms, and 14 in 100 were
# alive at five years relative to their peers. Treatments introduced since those diagnoses
# (immunotherapy for some of these cancers, antibody-drug conjugates; lesson 5) are barely in
# the figure at all. A care team can say what applies to one person.
#
# </details>

# %% [markdown]
# ---
# ## Key points
# - 5-year relative survival compares a group of women with the cancer to people of the same
#   age, sex and race in the general population over the same years; it is not a personal
#   chance, and it describes women diagnosed in the years the table names, not today.
# - Stage at diagnosis moves the figures far more than subtype. HR+/HER2- has the highest
#   figure over all stages and at the localized and regional stages; at the distant stage both
#   HER2-positive subtypes are higher (SEER, 2013–2019 diagnoses).
# - Figures change between releases: always give the data years.
# - A Kaplan-Meier curve estimates survival from individual follow-up; a log-rank test compares
#   two curves.
#
# ## What's next?
# - Back: [Lesson 3, staging](03_staging.ipynb), which gives the stage row of this table.
# - Next: [Lesson 5, treatment logic](05_treatment.ipynb).
# - [Start page](00_start_here.ipynb) · [Glossary](glossary.md)
#
# ## Sources
# - National Cancer Institute, SEER Program. *Cancer Stat Facts: Female Breast Cancer
#   Subtypes*. https://seer.cancer.gov/statfacts/html/breast-subtypes.html — 5-year relative
#   survival by subtype and SEER Combined Summary Stage, SEER 22 (excluding IL/MA), diagnoses
#   2013–2019 (read from the page's 2023 version); all stages, diagnoses 2014–2020 (its 2024
#   version). The page versions are described in `data/seer_survival.meta.json`.
# - National Cancer Institute, SEER*Stat help. *Expected Survival*.
#   https://seer.cancer.gov/seerstat/508_WebHelp/Expected_Survival.htm — expected survival
#   matched on age, sex, race and calendar year; and *Expected Survival Life Tables*,
#   https://seer.cancer.gov/expsurvival/.
# - National Cancer Institute, Surveillance Research Program. *Cancer Survival Statistics:
#   Cohort Definition Using Diagnosis Year*. https://surveillance.cancer.gov/survival/cohort.html
#   — how recently diagnosed people enter SEER's published survival figures.
# - Howlader N, Cronin KA, Kurian AW, Andridge R. Differences in breast cancer survival by
#   molecular subtypes in the United States. Cancer Epidemiol Biomarkers Prev 2018;27:619–626.
# - Cleveland Clinic Health Library. *HER2-Negative Breast Cancer* (last reviewed 2025-02-26):
#   the seed table (SEER figures, rounded; neither the release nor the data years given).
# - Schumacher M, Bastert G, Bojar H, et al. Randomized 2 × 2 trial evaluating hormonal
#   treatment and the duration of chemotherapy in node-positive breast cancer patients. J Clin
#   Oncol 1994;12:2086–2093 (the GBSG2 data).
# - Davidson-Pilon C. lifelines: survival analysis in Python. J Open Source Softw
#   2019;4(40):1317.
# - Data file and sidecar: `data/seer_survival.csv`, `data/seer_survival.meta.json`.
#
# Reviewed 2026-12-05 against: SEER Cancer Stat Facts, Female Breast Cancer Subtypes (2023 and
# 2024 versions); SEER*Stat help, Expected Survival; NCI Surveillance Research Program, Cancer
# Survival Statistics: Cohort Definition Using Diagnosis Year; Howlader et al., Cancer
# Epidemiol Biomarkers Prev 2018; Schumacher et al., J Clin Oncol 1994 (GBSG2).
