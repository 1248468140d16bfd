# %% [markdown]
# # 5. Treatment logic: HR+/HER2- and triple-negative disease
#
# Which finding opens which door: the subtype, the stage and a handful of biomarkers, written as
# rules you can read, run and question, each tied to the trial that earned it its place.
#
# *Abbreviations:* HER2, human epidermal growth factor receptor 2; ER, estrogen receptor; PR,
# progesterone receptor; HR+, hormone-receptor positive; IHC, immunohistochemistry; ISH, in situ
# hybridisation; ASCO/CAP, American Society of Clinical Oncology and College of American
# Pathologists; AJCC, American Joint Committee on Cancer; FDA, US Food and Drug Administration;
# CDK4/6, cyclin-dependent kinases 4 and 6; PARP, poly(ADP-ribose) polymerase; PD-L1, programmed
# death-ligand 1; ctDNA, circulating tumour DNA; GnRH, gonadotropin-releasing hormone; PDQ,
# Physician Data Query (the cancer summaries of the US National Cancer Institute); NCCN, National
# Comprehensive Cancer Network; DCIS, ductal carcinoma in situ; EBCTCG, Early Breast Cancer
# Trialists' Collaborative Group.
#
# > **For education only.** This lesson teaches how published figures are made and read. It is
# > not medical advice and must not be used for decisions about any person's care.
#
# > **A teaching model, not a recommendation.** The rules below are a simplified model of
# > published guidelines and drug approvals **as reviewed on 5 December 2026** (the date each
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
# 11. What the model leaves out
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
# | Python lists; pandas: picking rows and columns of a table | Needed | [Start page](00_start_here.ipynb#Python-you-need); [pandas "10 minutes to pandas"](https://pandas.pydata.org/docs/user_guide/10min.html) |
#
# **Time:** about 45 minutes (30 reading, 15 exercises).

# %%
import pandas as pd

from helpers import treatment, exercises
from helpers.treatment import Patient, treatment_options, explain, testing_prompts
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
#   treatment, with immunotherapy, [PARP inhibitors](glossary.md#parp-inhibitor) and antibody-drug conjugates added by stage
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
# A `Patient` holds the findings the rules look at: subtype, setting, stage or line, HER2
# expression, menopausal status and sex, ER-low, biomarker results, what was given before (and,
# for a relapse, the adjuvant endocrine drug it came back on), and for early disease the number
# of positive axillary nodes, the grade and the tumour size. Each biomarker result has three
# states: `True` (found), `False` (tested, not found) and `None` (not tested), the default. It
# reads text as people type it (spaces and
# capitals do not matter), checks every field as it is made, and its messages name the field
# that is wrong. Five positive nodes cannot be stage IIA: four or more are N2, stage IIIA or later.

# %%
for bad in (dict(subtype="HR-/HER2-", setting="early", stage="IV"),
            dict(subtype="HR-/HER2-", setting="metastatic", line=0),
            dict(subtype="luminal", setting="early", stage="IA"),
            dict(subtype="HR+/HER2-", setting="early", stage="IIA", positive_nodes=5)):
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
# | HER2 IHC score, with a 0 split into null and ultralow | tumour | trastuzumab deruxtecan for HER2-low (1+, or 2+ with negative ISH) and, in HR+ disease, HER2-ultralow; not for HER2-null |
# | PIK3CA, AKT1, PTEN alterations | tumour or blood (ctDNA) | capivasertib (any of the three); alpelisib and inavolisib (PIK3CA mutation only) |
# | ESR1 mutation | blood (plasma ctDNA, the test the elacestrant label names), when the cancer grows on endocrine therapy | elacestrant and newer oral ER degraders |
# | Germline BRCA1/2 | blood or saliva (inherited) | olaparib (after chemotherapy, by its label), talazoparib |
# | PD-L1 combined positive score ([CPS](glossary.md#pd-l1-cps)) | tumour | pembrolizumab for metastatic triple-negative disease (CPS 10 or more); below 10, the first-line antibody-drug conjugates |
#
# A test that has not been done is not a negative result. An option whose condition is a
# biomarker that was not tested is not offered; instead `testing_prompts` asks for the test and
# names what a positive result would open. It asks for ESR1 and PIK3CA/AKT1/PTEN from the second
# line of HR+ metastatic disease, for germline BRCA in triple-negative cancer and in high-risk HR+
# early disease (OlympiA's criteria), and for PD-L1 when the first-line choice for metastatic
# triple-negative (or ER-low) disease hangs on it. It also asks to establish menopausal status
# when it is not set, because it decides whether a drug needs ovarian suppression.
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

# %%
testing_prompts(Patient("HR-/HER2-", "metastatic", line=1))

# %% [markdown]
# Now someone at the second line of HR+ metastatic disease, after menopause, with nothing tested
# beyond HER2: three tests are asked for, each with the drugs it could open.

# %%
for prompt in testing_prompts(Patient("HR+/HER2-", "metastatic", line=2, her2_expression="low",
                                      menopausal_status="postmenopausal")):
    print("-", prompt)

# %% [markdown]
# ## 5. Early disease
#
# **HR+/HER2-, stage IIB (a 30 mm tumour, grade 3, two positive nodes), after menopause.**
# Surgery and radiation; five to ten years of an aromatase inhibitor (or tamoxifen);
# chemotherapy when the risk says it adds enough; and, because the disease is node-positive and
# high-risk, a [CDK4/6 inhibitor](glossary.md#cdk46-inhibitor) for two years (abemaciclib) or three (ribociclib).
#
# Chemotherapy for HR+ disease is often guided by the 21-gene recurrence score, with caveats
# the score alone does not show. In TAILORx (node-negative; Sparano et al., N Engl J Med 2018),
# women aged 50 or younger with a score of 16-25 gained some benefit from chemotherapy. In
# RxPONDER (1-3 positive nodes; Kalinsky et al., N Engl J Med 2021), premenopausal women
# benefited whatever their score up to 25, postmenopausal women did not. The score was not
# tested for four or more nodes.

# %%
hr_pos = Patient("HR+/HER2-", "early", stage="IIB", menopausal_status="postmenopausal",
                 positive_nodes=2, grade=3, tumour_size_mm=30)
pd.DataFrame(treatment_options(hr_pos))[["rule_id", "drug_class", "agents"]]

# %% [markdown]
# The two adjuvant CDK4/6 inhibitors were tested in different groups, and the rules follow the
# trials, not a general sense of "high risk":
#
# - **Abemaciclib** (monarchE; FDA 2021, label widened in March 2023 when the Ki-67 requirement
#   was dropped) needs **node-positive** disease: 4 or more positive axillary nodes, or 1-3 with
#   grade 3 or a tumour of 50 mm or more. A node-negative tumour never qualifies, however
#   large or high-grade.
# - **Ribociclib** (NATALEE; FDA September 2024) covers anatomic stage II-III: any
#   node-positive disease, node-negative stage IIB or III (such as a T3 tumour), and node-negative
#   T2 tumours (stage IIA) that are grade 3, or grade 2 with Ki-67 of 20 % or more or a high
#   genomic score (`high_risk=True` in the model).
#
# Make the same person node-negative with a 55 mm tumour (T3 N0, still stage IIB). `explain`
# says which condition failed for each CDK4/6 rule: abemaciclib closes, ribociclib stays.

# %%
node_negative = Patient("HR+/HER2-", "early", stage="IIB", menopausal_status="postmenopausal",
                        positive_nodes=0, grade=3, tumour_size_mm=55, high_risk=True)
[(c.rule_id, c.reason) for c in explain(node_negative) if c.drug_class == "CDK4/6 inhibitor"]

# %% [markdown]
# Before menopause the ovaries are still the main source of estrogen, and an
# [aromatase inhibitor](glossary.md#aromatase-inhibitor) alone cannot stop them. Tamoxifen works
# at any age. For premenopausal women at higher risk, medicines such as goserelin can switch
# the ovaries off (*ovarian function suppression*), and then an aromatase inhibitor can be used;
# in the SOFT and TEXT trials this combination lowered the chance of the cancer returning
# (Francis et al., N Engl J Med 2018). The rules table's premenopausal row lists these options.
#
# The same holds for every drug labelled for postmenopausal women: an aromatase inhibitor with a
# CDK4/6 inhibitor, fulvestrant, everolimus with exemestane, elacestrant and the other oral ER
# degraders, alpelisib, capivasertib and inavolisib. For a premenopausal woman each of these
# options names a GnRH agonist (goserelin) with it, as the trials did; the table's
# `gnrh_agonist_for` column says for whom. Adjuvant ribociclib is given with an aromatase
# inhibitor, so it names a GnRH agonist for premenopausal women and for men (NATALEE; the Kisqali
# label). When menopausal status is not set, the model does not guess: it asks to establish it,
# lists tamoxifen (which works at any age) and offers no aromatase inhibitor alone.
#
# **Inherited BRCA1/2 variant.** Olaparib for a year after chemotherapy (OlympiA; Tutt et al.,
# N Engl J Med 2021) had different entry criteria by subtype. In HR+ disease: 4 or more positive
# axillary nodes after chemotherapy given after surgery, or cancer left after chemotherapy given
# before surgery with a CPS+EG score of 3 or more (`high_risk=True` in the model).
#
# **DCIS (stage 0).** After breast-conserving surgery and radiation for hormone-receptor-positive
# DCIS, five years of tamoxifen lowered the chance of a new breast cancer, without lengthening
# survival (NSABP B-24; Fisher et al., Lancet 1999).
#
# **Men.** About 1 in 100 breast cancers occurs in a man, and almost all are HR+. The ASCO
# guideline (Hassett et al., J Clin Oncol 2020) recommends tamoxifen. An aromatase inhibitor
# alone is not enough for a man, because the testes keep making the hormones it lets through;
# it is used only together with a GnRH agonist such as goserelin or leuprolide, chiefly when
# tamoxifen cannot be taken.

# %%
man = Patient("HR+/HER2-", "early", stage="IIA", sex="male")
[(o.rule_id, ", ".join(o.agents)) for o in treatment_options(man)
 if o.drug_class == "endocrine therapy"]

# %% [markdown]
# **ER-low.** ER in 1-10 % of nuclei is a positive result ([ER-low](glossary.md#er-low)), but
# such tumours often behave like triple-negative ones, and the benefit of endocrine therapy is
# uncertain (ASCO/CAP 2020). For stage II-III ER-low disease the model therefore lists the
# triple-negative plan (chemotherapy with pembrolizumab before surgery) beside endocrine
# therapy, with a caveat in its rationale: KEYNOTE-522 enrolled only triple-negative cancers, so
# this is borrowed evidence and a decision for the team.

# %%
er_low = Patient("HR+/HER2-", "early", stage="IIB", er_low=True)
[(o.rule_id, o.drug_class) for o in treatment_options(er_low)
 if "ERLOW" in o.rule_id or o.drug_class == "endocrine therapy"]

# %% [markdown]
# **Triple-negative, stage IIB.** No endocrine therapy. Chemotherapy with the immunotherapy
# pembrolizumab before surgery, continued after it, raised the share of people with no cancer
# left at surgery from 51.2 % to 64.8 % (KEYNOTE-522; Schmid et al., N Engl J Med 2020), and in
# the 2024 overall-survival analysis 86.6 % against 81.7 % were alive at five years (Schmid et
# al., N Engl J Med 2024). What
# comes after surgery depends on that response. With cancer left behind, capecitabine
# (CREATE-X); for carriers of an inherited BRCA1/2 variant, a year of olaparib (OlympiA) is
# preferred instead, and the two are not given together.

# %%
tnbc = Patient("HR-/HER2-", "early", stage="IIB", residual_disease=True, germline_brca=True)
pd.DataFrame(treatment_options(tnbc))[["rule_id", "drug_class", "agents"]]

# %% [markdown]
# ### Exercise 1: the first line for metastatic HR+/HER2- disease
#
# Build `Patient("HR+/HER2-", "metastatic", line=1, menopausal_status="postmenopausal")`
# with no biomarkers tested and call
# `treatment_options`. Give the **drug classes** it lists, as a list of strings in quotes,
# e.g. `["chemotherapy"]` (order and case do not matter). The first statement of the cell makes the
# call; fill in the blank `____` of the commented line (the name of the field that holds the
# drug class), remove its `#`, and run the cell.

# %%
options = treatment_options(Patient("HR+/HER2-", "metastatic", line=1,
                                   menopausal_status="postmenopausal"))
answer = ...
# answer = sorted({option.____ for option in options})
### BEGIN SOLUTION
answer = sorted({option.drug_class for option in options})
### END SOLUTION
exercises.treatment.exercise_1(answer)

# %% [markdown]
# ## 6. Metastatic disease, drawn as flowcharts
#
# These flowcharts are drawn from the rules table itself: each branch is one row, its gate is
# that row's conditions in words, and the box on the right is the option it opens. If a rule
# changes, the picture changes with it.
#
# **HR+/HER2-, first line.** Endocrine therapy with a CDK4/6 inhibitor (PALOMA-2,
# MONALEESA-2/3/7, MONARCH-3). The CDK4/6 inhibitors lengthened median progression-free survival
# by about 10-13 months, but they are not interchangeable on overall survival. Ribociclib
# lengthened it in MONALEESA-2 (63.9 vs 51.4 months), -3 and -7; abemaciclib did with
# fulvestrant in MONARCH-2 (46.7 vs 37.3 months), but not significantly with an aromatase
# inhibitor in MONARCH-3's final analysis (66.8 vs 53.7 months, p=0.066); palbociclib showed no
# significant gain in PALOMA-2 (53.9 vs 51.2 months, p=0.34; Slamon et al., J Clin Oncol 2024).
# The NCCN guideline ranks ribociclib with an aromatase inhibitor category 1, its highest level,
# and palbociclib or abemaciclib with one category 2A (version 3.2023). Before menopause the
# ovaries are suppressed as well (goserelin is added to the listed agents). When the cancer came
# back during or within 12 months of adjuvant endocrine therapy
# ([*endocrine-resistant*](glossary.md#endocrine-resistant)), what follows depends on the drug:
# after an aromatase inhibitor the partner is fulvestrant, not an aromatase inhibitor again;
# after tamoxifen an aromatase inhibitor with a CDK4/6 inhibitor remains an option (PALOMA-2 and
# MONALEESA-2 excluded only a return within 12 months of an adjuvant nonsteroidal aromatase
# inhibitor), and so does fulvestrant. `Patient(prior_endocrine=...)` holds the drug; without it
# the model offers fulvestrant and asks which drug it was. For a PIK3CA-mutated cancer
# inavolisib can be added (INAVO120, 2024); capivasertib's label covers this setting too. Men
# have tamoxifen or fulvestrant, or an
# aromatase inhibitor only with a GnRH agonist (ASCO 2020).
#
# **Later lines** are chosen by biomarker. Fulvestrant is an endocrine option without any ESR1
# result. PIK3CA/AKT1/PTEN: alpelisib (SOLAR-1, 2019) and capivasertib (CAPItello-291, 2023;
# 7.3 vs 3.1 months in the altered population, 7.2 vs 3.6 in everyone enrolled). Everolimus,
# with exemestane, is an mTOR inhibitor (BOLERO-2), which is why the class is called
# [PI3K/AKT/mTOR pathway inhibitors](glossary.md#pi3k-akt-mtor). ESR1 mutation: elacestrant (EMERALD; FDA January 2023),
# imlunestrant (EMBER-3; FDA September 2025) and vepdegestrant (VERITAC-2; FDA 1 May 2026, with
# benefit in ESR1-mutated disease only). Two more drugs are not in the model, because no US
# approval could be confirmed. Camizestrant (SERENA-6, a switch on an ESR1 mutation found in
# blood during first-line therapy): the FDA's advisory committee did not vote in favour on 30
# April 2026 and the FDA extended its review in May 2026; the European Medicines Agency's
# committee (CHMP) recommended approval in May 2026; so in the US it is under regulatory review
# (checked 2026-12-05). Gedatolisib (VIKTORIA-1, PIK3CA wild-type): the FDA's decision date was
# 17 July 2026, and no decision could be confirmed: under regulatory review (checked
# 2026-12-05). Germline BRCA: talazoparib (EMBRACA), and olaparib (OlympiAD), whose label asks
# for chemotherapy given before, for early or metastatic disease.
#
# **Antibody-drug conjugates.** Trastuzumab deruxtecan for HER2-low or -ultralow disease. Read
# its trials for who was enrolled: DESTINY-Breast04 (HER2-low) took people after 1-2
# chemotherapy lines for metastatic disease; its primary cohort was HR+ (median progression-free
# survival 10.1 vs 5.4 months), and in the whole population, triple-negative included, 9.9 vs
# 5.1 months. DESTINY-Breast06 took HR+ disease after endocrine therapy and no chemotherapy for
# metastatic disease; its primary population was HER2-low, and the HER2-ultralow group (153
# people) was exploratory. Its lung inflammation (interstitial lung disease) is not rare: about
# 1 in 8 in DESTINY-Breast04 (12 %, 45 of 371), occasionally fatal (about 1 %), so breathing
# symptoms are checked at every visit. The [TROP2](glossary.md#trop2) conjugates come only after
# chemotherapy for metastatic disease, as their labels require: sacituzumab govitecan
# (TROPiCS-02) and datopotamab deruxtecan (TROPION-Breast01, which lengthened progression-free
# survival but not overall survival: 18.6 vs 18.3 months). Chemotherapy remains at every later
# line.

# %%
rules_flowchart("HR+/HER2-", "metastatic")

# %% [markdown]
# **Triple-negative.** First line: chemotherapy, with pembrolizumab when PD-L1 CPS is 10 or more
# (KEYNOTE-355). In 2026 two antibody-drug conjugates joined the first line. Sacituzumab
# govitecan: with pembrolizumab when CPS is 10 or more (ASCENT-04/KEYNOTE-D19), alone when
# PD-(L)1 therapy is not an option (ASCENT-03; both FDA June 2026). Datopotamab deruxtecan, when
# PD-(L)1 therapy is not an option (TROPION-Breast02; progression-free survival 10.8 vs 5.6
# months, overall survival 23.7 vs 18.7 months; FDA 22 May 2026). "Not an option" means a CPS
# below 10, or a CPS of 10 or more with a contraindication to immunotherapy or immunotherapy
# given recently. Before 2026 sacituzumab govitecan came only after two earlier treatments
# (ASCENT, 2020/2021); after first-line sacituzumab the model does not offer it again. Without
# a PD-L1 result the model asks for the test. PARP inhibitors for germline BRCA carriers
# (olaparib only after chemotherapy); trastuzumab deruxtecan for HER2-low disease
# (DESTINY-Breast04 included a small HR-negative cohort), from the first line when the cancer came
# back during or within 6 months of chemotherapy for early disease, as its label allows.

# %%
rules_flowchart("HR-/HER2-", "metastatic")

# %% [markdown]
# ### Exercise 2: find the rule that fired
#
# A person with metastatic triple-negative cancer had chemotherapy for early disease, and is now
# about to start the **second** line. The model lists sacituzumab govitecan. Which `rule_id`
# opened it? Use `explain(...)` and look for rules that fired. Answer with the `rule_id` in
# quotes, e.g. `"TN-MET-L1-PEMBRO"` (case does not matter).

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
# disease? Fill in the line: replace the `...` with the name of the column that holds the
# cut-off, in quotes. The answer is a number, e.g. `5`, and exact.

# %%
answer = rules.set_index("rule_id").loc["TN-MET-L1-PEMBRO", ...]
### BEGIN SOLUTION
answer = rules.set_index("rule_id").loc["TN-MET-L1-PEMBRO", "min_pd_l1_cps"]
### END SOLUTION
exercises.treatment.exercise_3(answer)

# %% [markdown]
# ## 7. The trials behind the rules
#
# Each targeted rule rests on a randomised trial that compared the new treatment with the
# standard of the day. Most report the **[median](glossary.md#median) progression-free survival**: the time by which
# half of the people in an arm had seen their cancer grow (or had died). KEYNOTE-522 reports the
# share with a **pathological complete response**, no invasive cancer left at surgery. These
# are group figures from the trial populations, not predictions for anyone. Sources are in
# `data/trial_results.csv` and listed at the end. Each label names the cohort its figures
# describe: CAPItello-291's are from the PIK3CA/AKT1/PTEN-altered population, DESTINY-Breast04's
# from its primary HR+ cohort.

# %%
results = treatment.trial_results()
results[["trial", "arm", "endpoint", "value", "unit"]]

# %%
trial_bars(results)

# %% [markdown]
# ### Exercise 4: read the chart
#
# By how many **months** did trastuzumab deruxtecan lengthen median progression-free survival in
# the HR+ cohort of DESTINY-Breast04, compared with chemotherapy? Give a number of months,
# e.g. `2.5`, to one decimal as the table gives it: the checker accepts ±0.05.

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
# **Try this:** metastatic triple-negative disease, line 1, with the CPS box empty: what does
# the explorer ask for? Type a PD-L1 CPS of 9, then 10. Which options appear and disappear at
# the cut-off? Then tick "PD-(L)1 therapy not an option". Next, early HR+ disease, stage IIB:
# type 0 positive nodes and a size of 55 mm, then 2 nodes with grade 3. Which CDK4/6 inhibitor
# rules fire, and why? Finally, set the setting to early and the stage to IV: what does the
# model say, and why is that the right answer?

# %%
treatment_explorer()

# %% [markdown]
# <!-- solution -->
# <details><summary>Model answer</summary>
#
# With the CPS box empty the explorer asks for a PD-L1 test instead of choosing, and lists only
# chemotherapy. At CPS 9 it lists chemotherapy and the two antibody-drug conjugates for people
# who cannot have PD-(L)1 therapy (sacituzumab govitecan alone, datopotamab deruxtecan); at CPS
# 10 these disappear and pembrolizumab with chemotherapy and sacituzumab govitecan with
# pembrolizumab appear. Ticking "PD-(L)1 therapy not an option" at CPS 10 brings the
# immunotherapy-free conjugates back. For early HR+ stage IIB with 0 nodes and 55 mm only
# ribociclib fires (NATALEE took node-negative stage IIB); with 2 nodes and grade 3 both
# abemaciclib (monarchE: 1-3 nodes with grade 3) and ribociclib fire. Early disease with stage
# IV is refused with a message: stage IV is metastatic by definition, and the model says so
# rather than guess.
#
# </details>

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

# %% [markdown]
# <!-- solution -->
# <details><summary>Model answer</summary>
#
# Much that the fields of Patient do not hold: the person's wishes and priorities, age, general
# fitness and other illnesses (heart, liver, nerve damage), side effects of earlier treatment,
# fertility or pregnancy plans, how fast the cancer is growing and where, interactions with
# other medicines, cost, access and travel, and whether a clinical trial is open. Turning a
# guideline into rules loses its nuance: the strength of the evidence behind each option, the
# order of preference, the "consider" and "may" that leave room for judgement, and the
# conversation in which a person and their team choose together. Rules also age fast, which is
# why each row carries a review date.
#
# </details>

# %% [markdown]
# ## 11. What the model leaves out
#
# Every output of the explorer ends with one line that names what the model leaves out, and
# links to the [full list](glossary.md#model-leaves-out). Each of these changes real plans:
#
# - **Visceral crisis**: when metastases make organs fail, chemotherapy comes first even in HR+
#   disease (ESO-ESMO ABC 5 guideline, Cardoso et al., Ann Oncol 2020).
# - **Omitting radiation** at 70 or older after breast-conserving surgery for a T1 N0 HR+ cancer
#   with endocrine therapy (CALGB 9343, Hughes et al., J Clin Oncol 2013; PRIME II, which took
#   women of 65 or older with tumours up to 3 cm, Kunkler et al., N Engl J Med 2023): the model
#   has no age field.
# - **Adjuvant bisphosphonates** after menopause, which lowered bone recurrence and breast
#   cancer deaths (EBCTCG, Lancet 2015).
# - **Age, frailty and other illnesses, and pregnancy.**
#
# Two items that used to be on this list are now rules, because their sources are clear:
# tamoxifen after surgery for HR+ DCIS (NSABP B-24) and trastuzumab deruxtecan as the first line
# for HER2-low triple-negative cancer that came back within 6 months of chemotherapy (its label).

# %%
print(treatment.left_out_line())

# %% [markdown]
# ---
# ## Key points
# - The subtype decides the toolbox: endocrine therapy needs hormone receptors, so it is never
#   an option for triple-negative cancer; a little HER2 (HER2-low, -ultralow) is enough for
#   trastuzumab deruxtecan.
# - The setting sets the goal: cure for early disease (surgery, radiation, drugs before or
#   after surgery), long control with a good life for metastatic disease (lines of therapy).
# - Biomarkers open doors: PIK3CA/AKT1/PTEN, ESR1, germline BRCA and PD-L1 CPS ≥10 each admit
#   specific drugs, because a trial showed a benefit in exactly that group; an untested result
#   is a reason to test, not a negative, and the model asks for the test.
# - Rules follow each trial's population: adjuvant abemaciclib only for node-positive high-risk
#   disease, ribociclib for NATALEE's stage II-III; men have tamoxifen, or an aromatase
#   inhibitor only with a GnRH agonist; before menopause, every drug labelled for
#   postmenopausal women comes with ovarian suppression.
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
#   (each row names its trial or guideline and year; reviewed 2026-12-05). Trial figures:
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
#   J Med 2020;382:810–821; FDA approval July 2021. Schmid P et al. Overall survival with
#   pembrolizumab in early-stage triple-negative breast cancer. N Engl J Med 2024;391:1981–1991.
# - Slamon DJ et al. Overall survival with palbociclib plus letrozole (PALOMA-2). J Clin Oncol
#   2024;42:994–1000. Sledge GW et al. (MONARCH-2, overall survival) JAMA Oncol 2020. NCCN
#   Guidelines, Breast Cancer, version 3.2023 (categories of the first-line CDK4/6 combinations).
# - Robson M et al. (OlympiAD) N Engl J Med 2017 and the Lynparza label; Litton JK et al.
#   (EMBRACA) N Engl J Med 2018 and the Talzenna label; Kisqali label (adjuvant, 2024);
#   Orserdu (elacestrant) label (plasma ESR1 test); Datroway label (stomatitis, ocular surface
#   warnings); Enhertu label (HER2-low, recurrence within 6 months of adjuvant chemotherapy).
# - Left out, with their sources: Cardoso F et al. ESO-ESMO ABC 5 guideline. Ann Oncol 2020;
#   Hughes KS et al. (CALGB 9343) J Clin Oncol 2013; Kunkler IH et al. (PRIME II) N Engl J Med
#   2023; EBCTCG. Adjuvant bisphosphonates. Lancet 2015. Now a rule: Fisher B et al. (NSABP B-24)
#   Lancet 1999.
# - Cortes J et al. Pembrolizumab plus chemotherapy for previously untreated metastatic
#   triple-negative breast cancer (KEYNOTE-355). Lancet 2020;396:1817–1828.
# - Bardia A et al. Sacituzumab govitecan in metastatic triple-negative breast cancer (ASCENT).
#   N Engl J Med 2021;384:1529–1541. Cortes J et al. (ASCENT-03) N Engl J Med 2025;
#   ASCENT-04/KEYNOTE-D19; FDA approvals of both first-line uses, June 2026.
# - Sparano JA et al. (TAILORx) N Engl J Med 2018; Kalinsky K et al. (RxPONDER) N Engl J Med
#   2021; Johnston SRD et al. (monarchE) J Clin Oncol 2020, with the FDA label of March 2023;
#   Slamon D et al. (NATALEE) N Engl J Med 2024; Tutt ANJ et al. (OlympiA) N Engl J Med 2021;
#   Masuda N et al. (CREATE-X) N Engl J Med 2017; Bidard FC et al. (EMERALD) J Clin Oncol 2022.
# - Hassett MJ et al. Management of male breast cancer: ASCO guideline. J Clin Oncol
#   2020;38:1849–1863. Allison KH et al. ER/PR testing, ASCO/CAP guideline update (ER-low).
#   J Clin Oncol 2020;38:1346–1366.
# - Goetz MP et al. (MONARCH-3) J Clin Oncol 2017, and its final overall-survival analysis
#   (2024); Hortobagyi GN et al. (MONALEESA-2) N Engl J Med 2016 and 2022; Baselga J et al.
#   (BOLERO-2) N Engl J Med 2012.
# - Rugo HS et al. (TROPiCS-02) J Clin Oncol 2022 and Lancet 2023; Bardia A et al.
#   (TROPION-Breast01) J Clin Oncol 2025; TROPION-Breast02 (FDA approval 22 May 2026);
#   VERITAC-2 (N Engl J Med 2025; FDA approval 1 May 2026). Camizestrant (SERENA-6): FDA
#   advisory committee 30 April 2026, FDA review extended May 2026, CHMP positive opinion May
#   2026 (news reports of the company's announcements); gedatolisib (VIKTORIA-1): FDA decision
#   date 17 July 2026 (Celcuity, 20 January 2026), outcome not confirmed; both under regulatory
#   review, checked 2026-12-05.
# - National Cancer Institute, *Breast Cancer Treatment (PDQ®)*,
#   https://www.cancer.gov/types/breast/treatment — side effects and supportive care.
#
# Reviewed 2026-12-05 against: the FDA labels and primary trial reports named above (monarchE,
# NATALEE, OlympiA, KEYNOTE-522, CREATE-X, TAILORx, RxPONDER, PALOMA-2, MONALEESA-2/3/7,
# MONARCH-2/3, SOLAR-1, CAPItello-291, INAVO120, EMERALD, EMBER-3, VERITAC-2, BOLERO-2,
# DESTINY-Breast04/-06, TROPiCS-02, TROPION-Breast01/-02, KEYNOTE-355, ASCENT, ASCENT-03/-04),
# the ASCO guideline on male breast cancer (2020), the ASCO/CAP ER/PR guideline (2020), the
# OlympiA, OlympiAD, EMBRACA and NSABP B-24 reports, the Lynparza, Talzenna, Kisqali, Orserdu,
# Datroway and Enhertu labels, and the NCCN guideline (version 3.2023).
