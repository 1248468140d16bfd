# %% [markdown]
# # 6. The patient's path: symptoms, risk, diagnosis and living with it
#
# What can be noticed, what raises the chance of breast cancer, how the diagnosis is made, and
# what life during and after treatment involves, for HER2-negative breast cancer.
#
# *Abbreviations:* HER2, human epidermal growth factor receptor 2; ER, estrogen receptor; PR,
# progesterone receptor; HR+, hormone-receptor positive; MRI, magnetic resonance imaging; CT,
# computed tomography; PET, positron emission tomography; NCCN, National Comprehensive Cancer
# Network; ASCO, American Society of Clinical Oncology; SEER, Surveillance, Epidemiology, and End
# Results Program; NCI, US National Cancer Institute; EBCTCG, Early Breast Cancer Trialists'
# Collaborative Group.
#
# > **For education only.** This lesson teaches how published figures are made and read. It is
# > not medical advice and must not be used for decisions about any person's care.
#
# > **A note for readers with a diagnosis.** This lesson talks about recurrence (section 5) and
# > mentions survival figures (section 7). They describe large groups of people diagnosed years
# > ago, before many of today's treatments, and they cannot say what will happen to you. Read at
# > your own pace, skip what you would rather not see, and ask your care team what your own
# > results mean.

# %% [markdown]
# ## In plain words
#
# Breast cancer can show up as a lump or a change in the breast, but most such changes are not
# cancer. Some cancers cause no signs at all and are found by a mammogram. A few things raise
# the chance of getting it; some you can change, like drinking alcohol, and some you cannot,
# like your genes. Only a biopsy, a small sample of tissue, can show that a change is cancer.
# After treatment, people have regular check-ups, and help with side effects is there at every
# stage.

# %% [markdown]
# ## Overview
#
# 1. Signs and symptoms
# 2. Risk factors: what can and cannot be changed
# 3. Diagnosis: biopsy, the pathology report, imaging
# 4. Living with it: side effects, palliative care, follow-up
# 5. Recurrence: when cancer comes back
# 6. Self-care and questions for the care team
# 7. Does HER2-negative grow faster or slower?
#
# **Learning objectives.** After this lesson you can:
# - list common signs of breast cancer and explain why most breast changes are benign;
# - sort risk factors into changeable and not, and read a relative risk correctly;
# - name the three kinds of biopsy and what a pathology report contains;
# - describe follow-up care and the timing of recurrence for HR+ and triple-negative disease;
# - answer "does HER2-negative grow faster or slower?" with the right nuance.
#
# **Prerequisites**
#
# | Concept | Needed or helpful | Where to learn it |
# |---|---|---|
# | HER2, HR+, triple-negative | Needed | [Lesson 1](01_her2_biology.ipynb) |
# | Stage | Helpful | [Lesson 3](03_staging.ipynb) |
# | pandas: picking rows and columns of a table | Needed | [Start page](00_start_here.ipynb#Python-you-need); [pandas "10 minutes to pandas"](https://pandas.pydata.org/docs/user_guide/10min.html) |
#
# **Time:** about 30 minutes (20 reading, 10 exercises).

# %%
from helpers import exercises
from helpers.datafiles import read_table

# %% [markdown]
# ---
# ## 1. Signs and symptoms
#
# HER2-negative breast cancer causes the same signs as any breast cancer (National Cancer
# Institute, *Breast Cancer Symptoms*; Cleveland Clinic, 2025):
#
# - a new lump or thickening in the breast or the armpit;
# - a change in the size or shape of the breast;
# - dimpled, puckered, red or scaly skin on the breast or nipple;
# - a nipple that turns inward, or fluid (other than milk) leaking from it, especially blood;
# - pain in one area that does not go away.
#
# Two points matter as much as the list. First, **most breast changes are benign**: cysts,
# fibroadenomas and normal hormonal changes cause many lumps and much tenderness. A change
# should be checked by a health professional, who can tell which it is. Second, **many cancers
# cause no signs at all** and are found by screening mammograms; screening also finds some
# cancers that would never have caused harm (overdiagnosis), one of the reasons screening is a
# balance of benefit and harm (Independent UK Panel on Breast Cancer Screening, 2012).

# %% [markdown]
# ## 2. Risk factors: what can and cannot be changed
#
# Nobody knows exactly which gene changes start a given breast cancer, but large studies have
# found factors that make it more or less likely. The data file lists them, says whether a
# person can change them, and gives a size of effect **only where a cited source reports one**;
# the other rows are left empty on purpose.

# %%
risks = read_table("risk_factors")
risks[["risk_factor", "modifiable", "effect_measure", "effect_size"]]

# %% [markdown]
# The sizes are measured in different ways and cannot be compared row by row:
#
# - a **relative risk** or hazard ratio compares two groups: 1.8 means 1.8 times the rate of the
#   comparison group, not an 80 % chance of cancer;
# - a **cumulative risk** (the BRCA rows) is the share of carriers diagnosed by age 80
#   (Kuchenbaecker et al., 2017);
# - a **percent change per unit** (alcohol, breastfeeding) is per 10 g of alcohol a day or per
#   year of breastfeeding (Collaborative Group on Hormonal Factors in Breast Cancer, 2002).
#
# Risk factors are about groups: most people with a risk factor never get breast cancer, and
# many people who do have none besides being female and getting older.

# %%
risks.groupby("modifiable")["risk_factor"].count()

# %% [markdown]
# ### Exercise 1: what can be changed?
# Using `risks`, build a list of every `risk_factor` a person can change. Fill in the line:
# replace the `...` with the value of the `modifiable` column for the rows to keep (`True` or
# `False`, no quotes). The names in the list are text in quotes, e.g. `["Getting older"]`.

# %%
answer = list(risks.loc[risks["modifiable"] == ..., "risk_factor"])
### BEGIN SOLUTION
answer = list(risks.loc[risks["modifiable"] == True, "risk_factor"])
### END SOLUTION
exercises.patient_path.exercise_1(answer)

# %% [markdown]
# ### Exercise 2: read a relative risk
# What is the relative risk for a woman with **one** first-degree relative (mother, sister or
# daughter) with breast cancer, according to the table? Give a number, e.g. `1.5`, as the table
# gives it: the checker accepts ±0.005.

# %%
answer = ...
### BEGIN SOLUTION
answer = 1.8
### END SOLUTION
exercises.patient_path.exercise_2(answer)

# %% [markdown]
# ## 3. Diagnosis: biopsy, the pathology report, imaging
#
# Imaging (a diagnostic mammogram, ultrasound, sometimes MRI) shows where a change is; only a
# **[biopsy](glossary.md#biopsy)** shows whether it is cancer (National Cancer Institute, *Breast Cancer Diagnosis*).
#
# | Biopsy | What is taken | Notes |
# |---|---|---|
# | Fine-needle aspiration | loose cells drawn through a thin needle | quick; often used for cysts or lymph nodes; too little tissue for full receptor testing |
# | Core needle biopsy | thin cylinders of tissue through a hollow needle, guided by ultrasound, mammogram or MRI | the usual first biopsy; enough tissue for diagnosis, ER, PR and HER2 |
# | Surgical biopsy | part (incisional) or all (excisional) of the area, in an operation | used when needle biopsy is not possible or not conclusive |
#
# The **pathology report** says whether the tissue is cancer, whether it is invasive or in situ,
# its type (ductal, lobular and others) and grade, and the results of the ER, PR and HER2 tests:
# [lesson 2](02_classification.ipynb) teaches how those results are scored. If the cancer is
# invasive, further **imaging to stage** it may follow: scans of the body (CT, bone scan or
# PET-CT) look for distant spread when the cancer is locally advanced (clinical stage III) or
# when symptoms or blood tests point elsewhere, not for every cancer that has reached a lymph
# node (NCCN breast cancer workup; ASCO Choosing Wisely, Schnipper 2012);
# [lesson 3](03_staging.ipynb) shows how size, nodes and spread become a stage.
#
# ### Exercise 3: choose the biopsy
# Which biopsy usually gives enough tissue for the diagnosis and the ER, PR and HER2 tests
# without an operation? Answer in quotes, e.g. `"surgical biopsy"`: one of
# `"fine-needle aspiration"`, `"core needle biopsy"` or `"surgical biopsy"` (any case).

# %%
answer = ...
### BEGIN SOLUTION
answer = "core needle biopsy"
### END SOLUTION
exercises.patient_path.exercise_3(answer)

# %% [markdown]
# ## 4. Living with it: side effects, palliative care, follow-up
#
# Every treatment in [lesson 5](05_treatment.ipynb) has side effects, and care teams have ways
# to prevent or ease most of them. The collection's side-effect table summarises the common ones
# from NCI pages and prescribing information. Not every serious effect is rare: lung
# inflammation (interstitial lung disease) with trastuzumab deruxtecan affected about 1 in 8
# patients in the DESTINY-Breast04 trial (45 of 371) and was fatal in 3 of them (Modi et al.,
# 2022), which is why a new cough or breathlessness is reported at once.

# %%
read_table("side_effects")[["drug_class", "common_side_effects", "management"]]

# %% [markdown]
# **[Palliative (supportive) care](glossary.md#palliative-care)** treats symptoms, side effects and stress. It is not only for
# the end of life: it can start at diagnosis, at any stage, alongside treatment meant to cure or
# control the cancer (National Cancer Institute, *Palliative Care in Cancer*).
#
# **Follow-up visits** after treatment for early breast cancer, as the ASCO guideline describes
# them (Khatcheressian et al., 2013): a history and examination every 3–6 months for the first
# 3 years, every 6–12 months in years 4 and 5, then once a year; a mammogram every year; and no
# routine scans or blood tumour markers for people without symptoms, because finding a
# recurrence earlier that way did not help people live longer. People taking hormone therapy
# keep seeing their team about side effects and about taking the tablets for the full course.

# %% [markdown]
# ## 5. Recurrence: when cancer comes back
#
# Most recurrences of breast cancer happen in the first five years after diagnosis, which is why
# visits are most frequent then (Cleveland Clinic, 2025). The timing differs by subtype:
#
# - **Triple-negative** cancers that come back usually do so early, with the risk highest in the
#   first three years and small after about eight (Dent et al., 2007).
# - **HR+** cancers can come back late. In the EBCTCG's pooled analysis of 62,923 women with ER+
#   early breast cancer who had taken 5 years of endocrine therapy and were free of disease then,
#   distant recurrences kept occurring at a steady rate from year 5 to year 20; the 20-year risk
#   ranged from 13 % (tumour up to 2 cm, no nodes involved) to 41 % (tumour over 2 cm, 4–9 nodes), rising with tumour size and the number of nodes involved
#   (Pan et al., 2017). This is part of why longer hormone therapy is considered for some people.
#
# **Think:** why might a follow-up plan for HR+/HER2- disease last longer than one for
# triple-negative disease, even though triple-negative recurrences are more common early on?

# %% [markdown]
# <!-- solution -->
# <details><summary>Model answer</summary>
#
# Triple-negative recurrences are most common in the first three years and rare after about
# eight (Dent et al., 2007). HR+ cancers keep coming back at a steady rate for many years: in
# the EBCTCG analysis distant recurrences went on from year 5 to year 20 after diagnosis, even
# after five years of endocrine therapy (Pan et al., 2017). So the early risk is higher for
# triple-negative disease, but the risk lasts much longer for HR+ disease, and people taking
# hormone therapy for five to ten years also need visits for its side effects and to keep taking
# it.
#
# </details>

# %% [markdown]
# ## 6. Self-care and questions for the care team
#
# Self-care during and after treatment includes eating well, staying as active as one can,
# resting, limiting alcohol, not smoking, keeping every appointment, and seeking support, from
# family, friends, support groups or counsellors, for the emotional weight of a diagnosis
# (Cleveland Clinic, 2025; American Cancer Society, *Living as a Breast Cancer Survivor*). New
# or worsening symptoms should be reported rather than left until the next visit.
#
# Questions worth asking the care team:
#
# - What are my tumour's ER, PR and HER2 results, and is it HER2-low or ultralow?
# - What stage is it, and what does that mean for my treatment?
# - What are the aims of each treatment, and what are the side effects?
# - Should I have genetic testing (BRCA1/2 and others)?
# - Is there a clinical trial that fits my situation?
# - How often will I be seen after treatment, and which symptoms should make me call sooner?
# - Who can help with pain, tiredness, money, work or feelings?

# %% [markdown]
# ## 7. Does HER2-negative grow faster or slower?
#
# The honest answer is: it depends on which HER2-negative cancer. Excess HER2 is itself a growth
# signal, so HER2-positive cancers tend to grow faster than HER2-negative ones on average, but
# they can be treated with HER2-targeted drugs that HER2-negative cancers do not respond to.
# Within HER2-negative disease the two subtypes differ sharply: triple-negative cancers are more
# often high grade and fast-growing (Howlader et al., 2014), while many HR+/HER2- cancers grow
# slowly and respond to hormone therapy. HR+/HER2- has the highest 5-year survival figure of
# the four subtypes when all stages are counted together, and at the localized and regional
# stages; at the distant stage both HER2-positive subtypes have higher figures, probably
# thanks to HER2-targeted drugs (SEER: diagnoses 2014–2020 for all stages together, 2013–2019
# by stage; Howlader et al., 2018; [lesson 4](04_survival.ipynb)). For one person, grade,
# stage and receptor results say much more than the word "negative".

# %%
exercises.patient_path.concept_check()

# %% [markdown]
# ---
# ## Key points
# - Most breast changes are benign, and many cancers cause no signs; only a biopsy diagnoses
#   cancer.
# - Some risk factors can be changed (alcohol, weight and activity after menopause, combined
#   hormone therapy, breastfeeding); others cannot (sex, age, inherited variants, family
#   history). Relative risks compare groups; they are not personal chances.
# - Core needle biopsy is the usual first biopsy; the report gives type, grade, ER, PR and HER2.
# - Palliative care helps at any stage; follow-up is most frequent in the first five years.
# - Triple-negative recurrences come early; HR+ recurrences continue for 20 years.
# - "HER2-negative" alone does not say how fast a cancer grows.
#
# ## What's next?
# - Back: [Lesson 5, treatment logic](05_treatment.ipynb).
# - Next: [Lesson 7, capstone](07_capstone.ipynb).
# - [Start page](00_start_here.ipynb) · [Glossary](glossary.md)
#
# ## Sources
# - National Cancer Institute. *Breast Cancer Symptoms*, *Breast Cancer Diagnosis*, *Breast
#   Cancer Risk Factors* and *Palliative Care in Cancer* (cancer.gov).
# - Independent UK Panel on Breast Cancer Screening (Marmot MG et al.). The benefits and harms
#   of breast cancer screening: an independent review. Lancet 2012;380:1778–1786.
# - Kuchenbaecker KB, et al. Risks of breast, ovarian, and contralateral breast cancer for
#   BRCA1 and BRCA2 mutation carriers. JAMA 2017;317:2402–2416.
# - Collaborative Group on Hormonal Factors in Breast Cancer. Familial breast cancer. Lancet
#   2001;358:1389–1399. Alcohol, tobacco and breast cancer. Br J Cancer 2002;87:1234–1245.
#   Breast cancer and breastfeeding. Lancet 2002;360:187–195.
# - Rossouw JE, et al. (Women's Health Initiative). Risks and benefits of estrogen plus progestin
#   in healthy postmenopausal women. JAMA 2002;288:321–333.
# - American Cancer Society. *Breast Cancer Facts & Figures 2024–2025*; *Living as a Breast
#   Cancer Survivor* (cancer.org).
# - Khatcheressian JL, et al. Breast cancer follow-up and management after primary treatment:
#   ASCO clinical practice guideline update. J Clin Oncol 2013;31:961–965.
# - Dent R, et al. Triple-negative breast cancer: clinical features and patterns of recurrence.
#   Clin Cancer Res 2007;13:4429–4434.
# - Pan H, et al. (EBCTCG). 20-year risks of breast-cancer recurrence after stopping endocrine
#   therapy at 5 years. N Engl J Med 2017;377:1836–1846.
# - Howlader N, et al. US incidence of breast cancer subtypes defined by joint hormone receptor
#   and HER2 status. J Natl Cancer Inst 2014;106:dju055.
# - Howlader N, Cronin KA, Kurian AW, Andridge R. Differences in breast cancer survival by
#   molecular subtypes in the United States. Cancer Epidemiol Biomarkers Prev 2018;27:619–626.
# - National Cancer Institute, SEER Program. *Cancer Stat Facts: Female Breast Cancer
#   Subtypes*. https://seer.cancer.gov/statfacts/html/breast-subtypes.html
# - Modi S, Jacot W, Yamashita T, et al. Trastuzumab deruxtecan in previously treated HER2-low
#   advanced breast cancer (DESTINY-Breast04). N Engl J Med 2022;387:9–20.
# - Cleveland Clinic Health Library. *HER2-Negative Breast Cancer* (last reviewed 2025-02-26):
#   the page this collection started from.
# - National Comprehensive Cancer Network. NCCN Clinical Practice Guidelines in Oncology:
#   Breast Cancer, workup pages (body scans for clinical stage III, or for symptoms and signs).
# - Schnipper LE, et al. American Society of Clinical Oncology identifies five key opportunities
#   to improve care and reduce costs. J Clin Oncol 2012;30:1715–1724.
# - Data files: `data/risk_factors.csv`, `data/side_effects.csv` and their sidecars.
#
# Reviewed 2026-12-05 against: SEER Cancer Stat Facts, Female Breast Cancer Subtypes (2023 and
# 2024 versions); Modi et al., N Engl J Med 2022 (DESTINY-Breast04, safety results);
# Kuchenbaecker et al., JAMA 2017; Collaborative Group on Hormonal Factors in Breast Cancer,
# Lancet 2001, Br J Cancer 2002 and Lancet 2002; Pan et al., N Engl J Med 2017.
