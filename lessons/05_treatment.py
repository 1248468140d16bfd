# %% [markdown]
# # 5. Treatment logic: HR+/HER2- and triple-negative disease
#
# Which finding opens which door: the subtype, the stage and a handful of biomarkers, written as
# rules you can read, run and question, each tied to the trial that earned it its place.
#
# > **For education only.** This lesson teaches how published figures are made and read. It is
# > not medical advice and must not be used for decisions about any person's care.
#
# > **A teaching model, not a recommendation.** The rules below are a simplified model of
# > published guidelines and drug approvals **as reviewed on 25 November 2026** (the date each
# > rule carries). Real decisions weigh far more: a person's health, wishes, other illnesses,
# > the full pathology report and a team of specialists. Guidelines change every year. Nothing
# > here is advice for any person.

# %% [markdown]
# ## In plain words
#
# A drug only works if the cancer has what the drug aims at. Cancers with hormone receptors
# feed on estrogen, so blocking estrogen helps; triple-negative cancers do not, so it does not.
# How far the cancer has spread decides whether the goal is cure or long control. Tests on the
# tumour and on a person's genes can open more choices. Care that eases symptoms belongs at
# every stage.

# %% [markdown]
# ## Overview
#
# 1. Why the subtype decides the toolbox
# 2. Stage and setting
# 3. The rules as a table
# 4. Biomarker testing: which result opens which door
# 5. Early disease
# 6. Metastatic disease, drawn as flowcharts
# 7. The trials behind the rules
# 8. The treatment explorer
# 9. Side effects in plain words
# 10. Palliative care at any stage
#
# **Learning objectives.** After this lesson you can:
# - explain why hormone receptors and HER2 level decide which drug classes can work;
# - say how stage and setting (early or metastatic) change the options and their goal;
# - name the biomarker behind each targeted option and the trial that showed it helps;
# - read a rule in the table, find which rule fired for a case, and say why another did not.
#
# **Prerequisites**
#
# | Concept | Needed or helpful | Where to learn it |
# |---|---|---|
# | Subtypes HR+/HER2- and triple-negative, HER2-low | Needed | [Lesson 2](02_classification.ipynb) |
# | Stage groups (AJCC) | Needed | [Lesson 3](03_staging.ipynb) |
# | Reading a survival figure | Helpful | [Lesson 4](04_survival.ipynb) |
# | Python lists and pandas tables | Helpful | [pandas "10 minutes to pandas"](https://pandas.pydata.org/docs/user_guide/10min.html) |
#
# **Time:** about 45 minutes.

# %%
import pandas as pd

from helpers import treatment, exercises
from helpers.treatment import Patient, treatment_options, explain
from helpers.plots.treatment import trial_bars, rules_flowchart
from helpers.widgets.treatment import treatment_explorer

# %% [markdown]
# ---
# ## 1. Why the subtype decides the toolbox
#
# Each drug class aims at something the cancer has or does:
#
# - **HR+/HER2-** cells carry estrogen or progesterone receptors and use estrogen as a growth
#   signal. [Endocrine (hormone) therapy](glossary.md#endocrine-therapy) blocks the
#   receptor or cuts the supply of estrogen, and it is the backbone of treatment for years.
# - **Triple-negative** cells have neither hormone receptors nor extra HER2. Endocrine therapy
#   has nothing to act on, so the model never lists it for them: chemotherapy carries the
#   treatment, with immunotherapy, PARP inhibitors and antibody-drug conjugates added by stage
#   and biomarker.
# - **HER2-low** (and, for HR+ disease, **HER2-ultralow**) tumours are HER2-negative by the
#   ASCO/CAP test, but they carry a little HER2 on the surface. Since 2022 that is enough for an
#   [antibody-drug conjugate](glossary.md#antibody-drug-conjugate), trastuzumab deruxtecan,
#   to find the cells (DESTINY-Breast04, Modi et al., N Engl J Med 2022). See
#   [HER2-low, -ultralow, -null](glossary.md#her2-low).
# - **HER2-positive** cancers are treated first of all with HER2-targeted drugs, so they are
#   outside this collection. The model says so instead of guessing:

# %%
try:
    Patient("HR+/HER2+", "early", stage="IIA")
except ValueError as error:
    print(error)

# %% [markdown]
# ## 2. Stage and setting
#
# The **setting** is the first fork.
#
# - **Early** disease (stages 0 to IIIC, [AJCC 8](glossary.md#stage-group)) has not spread
#   beyond the breast and nearby lymph nodes. The aim is cure: surgery (breast-conserving
#   surgery or mastectomy, with [sentinel lymph node biopsy](glossary.md#sentinel-node)),
#   radiation after breast-conserving surgery, and drug treatment given before surgery
#   (neoadjuvant) or after it (adjuvant) according to stage and risk; see
#   [adjuvant / neoadjuvant therapy](glossary.md#adjuvant).
# - **Metastatic** disease (stage IV) has spread to distant organs. The aim is to control the
#   cancer for as long as possible with a good quality of life. Treatments are given one after
#   another: the *line* of therapy (1, 2, 3 …) counts them.
#
# A `Patient` holds the findings the rules look at. It checks them as it is made, and its
# messages name the field that is wrong:

# %%
for bad in (dict(subtype="HR-/HER2-", setting="early", stage="IV"),
            dict(subtype="HR-/HER2-", setting="metastatic", line=0),
            dict(subtype="luminal", setting="early", stage="IA")):
    try:
        Patient(**bad)
    except ValueError as error:
        print(f"{bad}\n  -> {error}\n")

# %% [markdown]
# ## 3. The rules as a table
#
# The model is one table, `data/treatment_rules.csv`: one row per rule. The condition columns
# say when the rule applies (an empty cell means "any value"); the rest say which option it
# opens, why, and on what evidence, with the date the row was last reviewed. A small engine,
# `treatment_options(patient)`, returns every option whose conditions all hold. Here are the
# first rows, with only a few of the columns:

# %%
rules = pd.DataFrame(treatment.load_rules())
rules[["rule_id", "subtype", "setting", "stages", "drug_class", "agents"]].head(8)

# %%
print(f"{len(rules)} rules, all reviewed on {rules['reviewed'].unique()[0]}")

# %% [markdown]
# ## 4. Biomarker testing: which result opens which door
#
# Beyond ER, PR and HER2, a few more tests change the options. Each one is asked by some rules
# and by no others, which the table makes easy to show:
#
# | Test | Where it is measured | What it can open |
# |---|---|---|
# | HER2 IHC 0 / 1+ / 2+ (HER2-null, -ultralow, -low) | tumour | trastuzumab deruxtecan |
# | PIK3CA, AKT1, PTEN alterations | tumour or blood (ctDNA) | capivasertib (any of the three); alpelisib and inavolisib (PIK3CA mutation only) |
# | ESR1 mutation | blood (ctDNA), after endocrine therapy | elacestrant and newer oral ER degraders |
# | Germline BRCA1/2 | blood or saliva (inherited) | olaparib, talazoparib |
# | PD-L1 combined positive score ([CPS](glossary.md#pd-l1-cps)) | tumour | pembrolizumab for metastatic triple-negative disease |
#
# The code below lists, for each biomarker column, the rules that ask for it:

# %%
biomarkers = {"her2_expression": "HER2 expression", "pik3ca_akt1_pten": "PIK3CA/AKT1/PTEN",
              "pik3ca_mutation": "PIK3CA mutation",
              "esr1_mutation": "ESR1 mutation", "germline_brca": "germline BRCA",
              "min_pd_l1_cps": "PD-L1 CPS (minimum)"}
pd.DataFrame(
    [(label, r.rule_id, ", ".join(r.agents)) for column, label in biomarkers.items()
     for r in treatment.load_rules() if getattr(r, column) is not None],
    columns=["biomarker", "rule", "agents"],
)

# %% [markdown]
# ## 5. Early disease
#
# **HR+/HER2-, stage IIB, after menopause, at high risk of return.** Surgery and radiation,
# five to ten years of an aromatase inhibitor (or tamoxifen), chemotherapy when the risk,
# including a genomic score such as the 21-gene recurrence score, says it adds enough
# (TAILORx, N Engl J Med 2018; RxPONDER, N Engl J Med 2021), and, because the risk is high, a
# CDK4/6 inhibitor for two (abemaciclib, monarchE) or three (ribociclib, NATALEE) years.

# %%
hr_pos = Patient("HR+/HER2-", "early", stage="IIB", menopausal_status="postmenopausal",
                 high_risk=True)
pd.DataFrame(treatment_options(hr_pos))[["rule_id", "drug_class", "agents"]]

# %% [markdown]
# Before menopause the ovaries are still the main source of estrogen, and an
# [aromatase inhibitor](glossary.md#aromatase-inhibitor) alone cannot stop them. Tamoxifen works
# at any age. For premenopausal women at higher risk, medicines such as goserelin can switch
# the ovaries off (*ovarian function suppression*), and then an aromatase inhibitor can be used;
# in the SOFT and TEXT trials this combination lowered the chance of the cancer returning
# (Francis et al., N Engl J Med 2018). The rules table's premenopausal row lists these options.
#
# The adjuvant CDK4/6 rules are tied to higher-risk stage II–III disease. Make the same
# person stage IA, or not high-risk, and they no longer fire. `explain` says which condition
# failed:

# %%
low_risk = Patient("HR+/HER2-", "early", stage="IIB", menopausal_status="postmenopausal")
[(c.rule_id, c.reason) for c in explain(low_risk) if c.drug_class == "CDK4/6 inhibitor"]

# %% [markdown]
# **Triple-negative, stage IIB.** No endocrine therapy. Chemotherapy with the immunotherapy
# pembrolizumab before surgery, continued after it, raised the share of people with no cancer
# left at surgery from 51.2 % to 64.8 % (KEYNOTE-522; Schmid et al., N Engl J Med 2020). What
# comes after surgery depends on that response: with cancer left behind, capecitabine
# (CREATE-X), or olaparib for carriers of an inherited BRCA variant (OlympiA).

# %%
tnbc = Patient("HR-/HER2-", "early", stage="IIB", residual_disease=True, germline_brca=True)
pd.DataFrame(treatment_options(tnbc))[["rule_id", "drug_class", "agents"]]

# %% [markdown]
# ### Exercise 1: the first line for metastatic HR+/HER2- disease
#
# Build `Patient("HR+/HER2-", "metastatic", line=1)` with no biomarkers set and call
# `treatment_options`. Give the **drug classes** it lists, as a list of strings.

# %%
answer = ...
### BEGIN SOLUTION
answer = sorted({o.drug_class for o in treatment_options(Patient("HR+/HER2-", "metastatic",
                                                                 line=1))})
### END SOLUTION
exercises.treatment.exercise_1(answer)

# %% [markdown]
# ## 6. Metastatic disease, drawn as flowcharts
#
# These flowcharts are drawn from the rules table itself: each branch is one row, its gate is
# that row's conditions in words, and the box on the right is the option it opens. If a rule
# changes, the picture changes with it.
#
# **HR+/HER2-.** First line: endocrine therapy with a CDK4/6 inhibitor (PALOMA-2, MONALEESA-2,
# MONARCH-3). Later lines are chosen by biomarker: PIK3CA/AKT1/PTEN (alpelisib, SOLAR-1 2019;
# capivasertib, CAPItello-291 2023; inavolisib first line for cancer that came back on adjuvant
# endocrine therapy, INAVO120 2024), ESR1 (elacestrant, EMERALD 2023; imlunestrant 2025;
# vepdegestrant 2026), germline BRCA (olaparib, talazoparib), HER2-low or -ultralow
# (trastuzumab deruxtecan), [TROP2](glossary.md#trop2) antibody-drug conjugates and chemotherapy.

# %%
rules_flowchart("HR+/HER2-", "metastatic")

# %% [markdown]
# **Triple-negative.** First line: chemotherapy, with pembrolizumab when PD-L1 CPS is 10 or more
# (KEYNOTE-355). Since June 2026 sacituzumab govitecan is also a first-line option: with
# pembrolizumab when CPS is 10 or more (ASCENT-04/KEYNOTE-D19), alone when immunotherapy is not
# an option (ASCENT-03). This changed the first line: before 2026 sacituzumab govitecan came
# only after two earlier treatments (ASCENT, 2020/2021). PARP inhibitors for germline BRCA
# carriers; trastuzumab deruxtecan for HER2-low disease.

# %%
rules_flowchart("HR-/HER2-", "metastatic")

# %% [markdown]
# ### Exercise 2: find the rule that fired
#
# A person with metastatic triple-negative cancer had chemotherapy for early disease, and is now
# about to start the **second** line. The model lists sacituzumab govitecan. Which `rule_id`
# opened it? Use `explain(...)` and look for rules that fired.

# %%
answer = ...
### BEGIN SOLUTION
case = Patient("HR-/HER2-", "metastatic", line=2, prior_chemo=True)
answer = [c.rule_id for c in explain(case) if c.fired and "SG" in c.rule_id][0]
### END SOLUTION
exercises.treatment.exercise_2(answer)

# %% [markdown]
# ### Exercise 3: a cut-off in the table
#
# From the rules table (`rules`, above), what is the lowest PD-L1 combined positive score at
# which the model adds pembrolizumab to first-line chemotherapy for metastatic triple-negative
# disease? Give a number.

# %%
answer = ...
### BEGIN SOLUTION
answer = rules.set_index("rule_id").loc["TN-MET-L1-PEMBRO", "min_pd_l1_cps"]
### END SOLUTION
exercises.treatment.exercise_3(answer)

# %% [markdown]
# ## 7. The trials behind the rules
#
# Each targeted rule rests on a randomised trial that compared the new treatment with the
# standard of the day. Most report the **median progression-free survival**: the time by which
# half of the people in an arm had seen their cancer grow (or had died). KEYNOTE-522 reports the
# share with a **pathological complete response**, no invasive cancer left at surgery. These
# are group figures from the trial populations, not predictions for anyone. Sources are in
# `data/trial_results.csv` and listed at the end.

# %%
results = treatment.trial_results()
results[["trial", "arm", "endpoint", "value", "unit"]]

# %%
trial_bars(results)

# %% [markdown]
# ### Exercise 4: read the chart
#
# By how many **months** did trastuzumab deruxtecan lengthen median progression-free survival in
# the HR+ cohort of DESTINY-Breast04, compared with chemotherapy? Give a number.

# %%
answer = ...
### BEGIN SOLUTION
db04 = results[results["trial"] == "DESTINY-Breast04 (HR+ cohort)"]["value"]
answer = round(db04.iloc[0] - db04.iloc[1], 1)
### END SOLUTION
exercises.treatment.exercise_4(answer)

# %% [markdown]
# ## 8. The treatment explorer
#
# Set a subtype, the setting, a stage or a line, and biomarker results. The explorer lists the
# options with why, the evidence and the rule that fired, and (folded away) every rule that did
# not fire with the condition that failed. Impossible combinations show the model's message.
#
# **Try this:** metastatic triple-negative disease, line 1. Type a PD-L1 CPS of 9, then 10.
# Which options appear and disappear at the cut-off? Then choose "HER2-low" and move to line
# 2: what is added? Finally, set the setting to early and the stage to IV: what does the model
# say, and why is that the right answer?

# %%
treatment_explorer()

# %% [markdown]
# ### Check your understanding
# Choose an answer and press **Check**.

# %%
exercises.treatment.concept_check()

# %% [markdown]
# ## 9. Side effects in plain words
#
# Every treatment has costs as well as benefits. The common ones for each class, and how care
# teams manage them (from the National Cancer Institute's patient pages and the drugs' US
# prescribing information, summarised in `data/side_effects.csv`):

# %%
pd.DataFrame(
    [(c, treatment.side_effects(c)["common"], treatment.side_effects(c)["management"])
     for c in treatment.DRUG_CLASSES],
    columns=["class", "common side effects", "how they are managed"],
)

# %% [markdown]
# ## 10. Palliative care at any stage
#
# [Palliative (supportive) care](glossary.md#palliative-care) is not only for the end
# of life. It treats pain, tiredness, nausea, low mood and the side effects of treatment, and it
# supports the person and their family, from diagnosis on and alongside every treatment above.
# It is not a drug class, so the model adds it as a note to every result:

# %%
print(treatment.SUPPORTIVE_CARE)

# %% [markdown]
# **Think:** the model lists several options for most cases. What would a care team need to
# know about a person, beyond the fields of `Patient`, to choose among them? And what is lost
# when a guideline is turned into rules like these?
#
# ---
# ## Key points
# - The subtype decides the toolbox: endocrine therapy needs hormone receptors, so it is never
#   an option for triple-negative cancer; a little HER2 (HER2-low, -ultralow) is enough for
#   trastuzumab deruxtecan.
# - The setting sets the goal: cure for early disease (surgery, radiation, drugs before or
#   after surgery), long control with a good life for metastatic disease (lines of therapy).
# - Biomarkers open doors: PIK3CA/AKT1/PTEN, ESR1, germline BRCA and PD-L1 CPS ≥10 each admit
#   specific drugs, because a trial showed a benefit in exactly that group.
# - Each rule names its evidence and review date; the field changes every year. This is a
#   teaching model, not a recommendation for any person.
#
# ## What's next?
# - Back: [Lesson 4, survival](04_survival.ipynb): the survival figures predate many of these
#   treatments.
# - Next: [Lesson 6, a patient's path](06_patient_path.ipynb), then the
#   [capstone](07_capstone.ipynb).
# - [Start page](00_start_here.ipynb) · [Glossary](glossary.md)
#
# ## Sources
# - Rules table and sidecar: `data/treatment_rules.csv`, `data/treatment_rules.meta.json`
#   (each row names its trial or guideline and year; reviewed 2026-11-25). Trial figures:
#   `data/trial_results.csv`. Side effects: `data/side_effects.csv`.
# - Finn RS et al. Palbociclib and letrozole in advanced breast cancer (PALOMA-2). N Engl J Med
#   2016;375:1925–1936.
# - André F et al. Alpelisib for PIK3CA-mutated, HR+ advanced breast cancer (SOLAR-1). N Engl J
#   Med 2019;380:1929–1940.
# - Turner NC et al. Capivasertib in HR+ advanced breast cancer (CAPItello-291). N Engl J Med
#   2023;388:2058–2070. Turner NC et al. Inavolisib-based therapy in PIK3CA-mutated advanced
#   breast cancer (INAVO120). N Engl J Med 2024.
# - Modi S et al. Trastuzumab deruxtecan in previously treated HER2-low advanced breast cancer
#   (DESTINY-Breast04). N Engl J Med 2022;387:9–20. Bardia A et al. (DESTINY-Breast06) N Engl J
#   Med 2024;391:2110–2122; FDA approval for HER2-low or -ultralow HR+ disease, January 2025.
# - Schmid P et al. Pembrolizumab for early triple-negative breast cancer (KEYNOTE-522). N Engl
#   J Med 2020;382:810–821; FDA approval July 2021.
# - Cortes J et al. Pembrolizumab plus chemotherapy for previously untreated metastatic
#   triple-negative breast cancer (KEYNOTE-355). Lancet 2020;396:1817–1828.
# - Bardia A et al. Sacituzumab govitecan in metastatic triple-negative breast cancer (ASCENT).
#   N Engl J Med 2021;384:1529–1541. Cortes J et al. (ASCENT-03) N Engl J Med 2025;
#   ASCENT-04/KEYNOTE-D19; FDA approvals of both first-line uses, June 2026.
# - Sparano JA et al. (TAILORx) N Engl J Med 2018; Kalinsky K et al. (RxPONDER) N Engl J Med
#   2021; Johnston SRD et al. (monarchE) J Clin Oncol 2020; Slamon D et al. (NATALEE) N Engl J
#   Med 2024; Tutt ANJ et al. (OlympiA) N Engl J Med 2021; Masuda N et al. (CREATE-X) N Engl J
#   Med 2017; Bidard FC et al. (EMERALD) J Clin Oncol 2022.
# - National Cancer Institute, *Breast Cancer Treatment (PDQ®)*,
#   https://www.cancer.gov/types/breast/treatment — side effects and supportive care.
