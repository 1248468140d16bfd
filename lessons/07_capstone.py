# %% [markdown]
# # 7. Capstone: seven virtual patients, from biopsy to options
#
# Put the whole collection to work: for each virtual patient, read the pathology report and
# the imaging summary, then classify, find the subtype and stage, look up the survival row
# that applies, and list the treatment options of the teaching model, with the reasons.
#
# *Abbreviations:* HER2, human epidermal growth factor receptor 2; ER, estrogen receptor; PR,
# progesterone receptor; HR+, hormone-receptor positive; IHC, immunohistochemistry; ISH, in situ
# hybridisation; ASCO/CAP, American Society of Clinical Oncology and College of American
# Pathologists; AJCC, American Joint Committee on Cancer; TNM, tumour, nodes, metastasis; SEER,
# Surveillance, Epidemiology, and End Results Program; FDA, US Food and Drug Administration;
# PD-L1, programmed death-ligand 1; TNBC, triple-negative breast cancer.
#
# > **For education only.** The patients are invented. The pipeline is a teaching model of
# > published rules; it is not medical advice and must not be used for decisions about any
# > person's care.
#
# > **A note for readers with a diagnosis.** The virtual patients come with survival figures
# > for their stage and subtype. Those figures describe large groups of people diagnosed years
# > ago, before many of today's treatments, and they cannot say what will happen to you or to
# > anyone. Ask your care team what your own results mean.

# %% [markdown]
# ## In plain words
#
# A cancer diagnosis is built step by step. First the lab tests the tumour. Then scans show how
# far it has spread. Together these point to a group of treatments that studies have shown to
# help. Here you follow those steps for seven made-up people, one at a time.

# %% [markdown]
# ## Overview
#
# 1. A worked example: Ana
# 2. Your turn: six more patients
# 3. What the cases teach
#
# **Learning objectives.** After this lesson you can:
# - turn a pathology report into a HER2 result, an ER/PR result and a subtype;
# - turn imaging and node findings into an AJCC stage group and a SEER summary stage;
# - find the survival figure that applies, with its release, and say what it does not mean;
# - explain which findings open which treatment options, and recognise a case outside the model.
#
# **Prerequisites**
#
# | Concept | Needed or helpful | Where to learn it |
# |---|---|---|
# | HER2, ER and PR testing | Needed | [Lesson 2](02_classification.ipynb) |
# | TNM and stage groups | Needed | [Lesson 3](03_staging.ipynb) |
# | Relative survival | Needed | [Lesson 4](04_survival.ipynb) |
# | Treatment logic | Needed | [Lesson 5](05_treatment.ipynb) |
#
# **Time:** about 45 minutes (10 reading, 35 exercises).

# %%
from helpers import capstone, exercises
from helpers.her2 import classify_her2
from helpers.receptors import classify_receptor
from helpers.subtype import molecular_subtype
from helpers.staging import anatomic_stage, summary_stage
from helpers.survival import survival_pct
from helpers.treatment import Patient, treatment_options
from helpers.tables import show_table

# %% [markdown]
# ---
# ## 1. A worked example: Ana
#
# Each patient has a pathology report and an imaging summary in words, and the same findings
# coded for the helpers.

# %%
ana = capstone.patient("Ana")
ana

# %% [markdown]
# **Step 1, HER2.** IHC 1+ is negative under ASCO/CAP 2018 (affirmed 2023): no ISH is needed.
# Because it is 1+, the expression category is "low".

# %%
her2 = classify_her2(ana.ihc, ana.ish_ratio, ana.her2_copies)
print(f"HER2 {her2.status}; HER2 expression: {her2.expression}")

# %% [markdown]
# **Step 2, ER, PR and subtype.** Both receptors are well above 1 %, so the tumour is
# hormone-receptor positive.

# %%
print(f"ER {classify_receptor(ana.er_percent, 'ER')}; PR {classify_receptor(ana.pr_percent, 'PR')}; "
      f"subtype {molecular_subtype(ana.er_percent, ana.pr_percent, her2.status)}")

# %% [markdown]
# **Step 3, stage.** An 18 mm tumour is T1c; no nodes, no distant spread.

# %%
print(f"AJCC anatomic stage {anatomic_stage(ana.t, ana.n, ana.m)}; "
      f"SEER summary stage {summary_stage(ana.t, ana.n, ana.m)}")

# %% [markdown]
# **Step 4, the survival row.** HR+/HER2-, localized, in the seed table (SEER):

# %%
survival_pct("HR+/HER2-", "localized")

# %% [markdown]
# **Step 5, the options.** The teaching model reads its rules table:

# %%
for option in treatment_options(Patient(subtype="HR+/HER2-", setting="early", stage="IA",
                                        her2_expression=her2.expression,
                                        menopausal_status=ana.menopausal_status,
                                        positive_nodes=ana.positive_nodes, grade=ana.grade,
                                        tumour_size_mm=ana.tumour_size_mm)):
    print(f"{option.drug_class}: {option.rationale} [{option.evidence}]")

# %% [markdown]
# The whole pipeline in one call, for checking your work:

# %%
print(capstone.pipeline_report(ana))

# %% [markdown]
# ---
# ## 2. Your turn
#
# For each patient: read the report, then fill in the dict with the helpers (or by hand) and
# run the cell. Each answer is a word in quotes, for example
# `dict(her2_status="negative", her2_expression="low", subtype="HR+/HER2-", stage="IIA",
# summary_stage="localized")`. The checker reads them as people write them: any case,
# `"HER2-low"` for `"low"`, `"Stage IIA"` for `"IIA"`, `"triple-negative"` or `"TNBC"` for
# `"HR-/HER2-"`. It names every step that is not right yet, with a hint for each. Then list
# the drug classes the model offers, in quotes, e.g. `["chemotherapy"]`. Stuck after three
# tries? The feedback then names the call that shows the worked answer.
#
# ### Bea

# %%
capstone.patient("Bea")

# %%
answers = dict(her2_status=..., her2_expression=..., subtype=..., stage=..., summary_stage=...)
### BEGIN SOLUTION
bea = capstone.patient("Bea")
her2 = classify_her2(bea.ihc, bea.ish_ratio, bea.her2_copies)
answers = dict(her2_status=her2.status, her2_expression=her2.expression,
               subtype=molecular_subtype(bea.er_percent, bea.pr_percent, her2.status),
               stage=anatomic_stage(bea.t, bea.n, bea.m),
               summary_stage=summary_stage(bea.t, bea.n, bea.m))
### END SOLUTION
exercises.capstone.check_pipeline("Bea", answers)

# %%
drug_classes = ...
### BEGIN SOLUTION
drug_classes = sorted({o.drug_class for o in treatment_options(Patient(
    subtype="HR-/HER2-", setting="early", stage="IIB", her2_expression="null",
    menopausal_status="premenopausal"))})
### END SOLUTION
exercises.capstone.check_options("Bea", drug_classes)

# %% [markdown]
# Bea's report does not say whether she was tested for an inherited BRCA1/2 variant. A test that
# has not been done is not a negative result, so the pipeline leaves that finding open
# (`germline_brca=None`) and asks for the test, naming what a positive result could open:

# %% tags=["shows-answers"]
for prompt in capstone.run_pipeline(capstone.patient("Bea")).prompts:
    print("-", prompt)

# %% [markdown] tags=["shows-answers"]
# **Think:** why is there no endocrine therapy for Bea, and what does chemotherapy before
# surgery let the team learn?

# %% [markdown]
# <!-- solution -->
# <details><summary>Model answer</summary>
#
# Bea's cancer is ER 0 % and PR 0 %: there are no hormone receptors for endocrine therapy to act
# on, so it cannot help (triple-negative). Giving chemotherapy with pembrolizumab before surgery
# (KEYNOTE-522) shows the team how the cancer responds: at surgery the pathologist sees whether
# any invasive cancer is left. No cancer left (a pathological complete response) is a good sign;
# cancer left behind opens further treatment after surgery (capecitabine, or olaparib for a
# carrier of an inherited BRCA1/2 variant). It can also shrink the tumour before the operation.
#
# </details>

# %% [markdown]
# ### Chen

# %%
capstone.patient("Chen")

# %%
answers = dict(her2_status=..., her2_expression=..., subtype=..., stage=..., summary_stage=...)
### BEGIN SOLUTION
answers = dict(her2_status="negative", her2_expression="low", subtype="HR+/HER2-",
               stage="IIB", summary_stage="localized")
### END SOLUTION
exercises.capstone.check_pipeline("Chen", answers)

# %%
for o in capstone.run_pipeline(capstone.patient("Chen")).options:
    if o.drug_class == "CDK4/6 inhibitor":
        print(f"{o.rule_id}: {o.drug_class}")

# %% [markdown] tags=["shows-answers"]
# Chen's tumour is larger than 50 mm (T3) with no nodes: stage IIB, yet "localized" in SEER's
# terms. The stage group and the survival-table row answer different questions. The treatment
# rules read the same findings: as node-negative stage IIB disease, Chen fits NATALEE
# (ribociclib) but not monarchE, which enrolled only node-positive disease (abemaciclib):
#
# ### Dana

# %%
capstone.patient("Dana")

# %%
answers = dict(her2_status=..., her2_expression=..., subtype=..., stage=..., summary_stage=...)
### BEGIN SOLUTION
answers = dict(her2_status="negative", her2_expression="ultralow", subtype="HR+/HER2-",
               stage="IV", summary_stage="distant")
### END SOLUTION
exercises.capstone.check_pipeline("Dana", answers)

# %% [markdown] tags=["shows-answers"]
# Dana's ER is 5 %: positive, but "low positive" (ASCO/CAP 2020). Such tumours often behave more
# like triple-negative ones, so the benefit of hormone therapy is uncertain; the label HR+ does
# not settle it. For metastatic ER-low disease the pipeline asks for a PD-L1 test, as it would
# for triple-negative disease:

# %% tags=["shows-answers"]
print("\n".join(capstone.run_pipeline(capstone.patient("Dana")).prompts))

# %% [markdown]
#
# ### Eli

# %%
capstone.patient("Eli")

# %%
answers = dict(her2_status=..., her2_expression=..., subtype=..., stage=..., summary_stage=...)
### BEGIN SOLUTION
answers = dict(her2_status="negative", her2_expression="low", subtype="HR-/HER2-",
               stage="IIA", summary_stage="localized")
### END SOLUTION
exercises.capstone.check_pipeline("Eli", answers)

# %% [markdown] tags=["shows-answers"]
# Eli's ISH ratio is above 2.0 but the copy number is below 4.0: ISH group 2. With IHC 2+ and a
# recount that confirms the group, ASCO/CAP calls it negative. Eli also carries a BRCA1 variant,
# and the imaging summary says that surgery after neoadjuvant therapy still found invasive
# cancer (residual disease). Those two findings together open a door after surgery: a year of
# olaparib (OlympiA), preferred over capecitabine and not given with it. Her chemotherapy was
# given before surgery (`prior_chemo` in the data), so the model does not offer it again; the
# pembrolizumab she started with it continues after surgery, as in KEYNOTE-522, alongside the
# olaparib. See the pipeline report:

# %% tags=["shows-answers"]
print(capstone.pipeline_report(capstone.patient("Eli")))

# %% [markdown]
# ### Fatima

# %%
capstone.patient("Fatima")

# %%
answers = dict(her2_status=..., her2_expression=..., subtype=..., stage=..., summary_stage=...)
### BEGIN SOLUTION
answers = dict(her2_status="negative", her2_expression="null", subtype="HR+/HER2-",
               stage="IB", summary_stage="regional")
### END SOLUTION
exercises.capstone.check_pipeline("Fatima", answers)

# %% [markdown] tags=["shows-answers"]
# A 1.5 mm deposit in one node is a micrometastasis (N1mi). With a T1 tumour, AJCC 8 stages it
# IB, not IIA; SEER counts it as regional spread.
#
# ### Grace

# %%
capstone.patient("Grace")

# %%
answers = dict(her2_status=..., her2_expression=..., subtype=..., stage=..., summary_stage=...)
### BEGIN SOLUTION
answers = dict(her2_status="positive", her2_expression="positive", subtype="HR+/HER2+",
               stage="IIA", summary_stage="localized")
### END SOLUTION
exercises.capstone.check_pipeline("Grace", answers)

# %%
drug_classes = ...
### BEGIN SOLUTION
drug_classes = []
### END SOLUTION
exercises.capstone.check_options("Grace", drug_classes)

# %% [markdown] tags=["shows-answers"]
# Grace's ISH ratio of 2.4 with 5.1 copies is group 1: HER2-positive, whatever the IHC score.
# Her cancer is outside this collection, because its treatment centres on HER2-targeted drugs:

# %% tags=["shows-answers"]
print(capstone.pipeline_report(capstone.patient("Grace")))

# %% [markdown]
# ---
# ## 3. What the cases teach
#
# All seven patients side by side:

# %% tags=["shows-answers"]
import pandas as pd

rows = []
for name in capstone.patient_names():
    r = capstone.run_pipeline(capstone.patient(name))
    rows.append({"patient": name, "HER2": r.her2_status, "expression": r.her2_expression,
                 "subtype": r.subtype, "anatomic stage": r.stage,
                 "clinical prognostic": r.clinical_prognostic_stage or "-",
                 "pathological prognostic": r.pathological_prognostic_stage or "-",
                 "summary stage": r.summary_stage,
                 "5-yr relative survival %": r.survival_pct,
                 "survival table": r.survival_release if r.survival_release == "seed" else
                 f"{r.survival_release} (the seed table has no {r.subtype} row)"})
show_table(pd.DataFrame(rows))

# %% [markdown] tags=["shows-answers"]
# The two prognostic columns come from the AJCC 8 tables of
# [lesson 3](03_staging.ipynb), which add grade, HER2, ER and PR to T, N and M. Bea and Eli,
# both triple-negative and grade 3, move up from their anatomic stage (Eli from IIA to IIB, Bea
# from IIB to IIIB); Fatima's
# low-grade HR+/HER2- cancer moves down from IB to IA. The pathological stage is filled in only
# for Ana and Fatima, whose first treatment was surgery; Grace's report gives no grade, so her
# prognostic stages cannot be assigned ("-").
#
# **Think:** Chen (IIB) and Bea (IIB) share an anatomic stage group but sit in different rows of
# the survival table, and their clinical prognostic stages differ. Which facts put them there,
# and which would you explain first to each?

# %% [markdown]
# <!-- solution -->
# <details><summary>Model answer</summary>
#
# Chen has a tumour over 50 mm with no nodes (T3 N0): stage IIB but localized, so the HR+/HER2-
# localized row. Bea has a 32 mm tumour with cancer in the nodes (T2 N1): stage IIB and
# regional, in the triple-negative regional row. Their clinical prognostic stages differ because
# their biology does: Chen's grade 2, ER-positive cancer stays at IIB, while Bea's grade 3
# triple-negative cancer moves up to IIIB. For Chen you might start with why a large tumour that
# has not reached the nodes is still "localized" and what hormone therapy offers; for Bea, with
# why the nodes and the tumour's biology matter and what treatment before surgery will show.
#
# </details>

# %% [markdown]
# ## Key points
# - The pipeline runs in a fixed order: HER2, then ER/PR and subtype, then stage, then the
#   survival row, then the options; each step has its own guideline.
# - Stage groups (AJCC) and summary stages (SEER) answer different questions; the AJCC
#   prognostic stage adds the tumour's biology (grade, HER2, ER, PR) to its anatomic extent.
# - HER2-positive results, even from an IHC 2+ case, leave the HER2-negative toolbox behind.
# - ER-low tumours are HR+ by label but often behave like triple-negative ones.
# - A treatment option opens only when its trial's condition is shown: Eli's olaparib needs
#   both the BRCA1 variant and residual disease; Chen's ribociclib needs stage II-III, and
#   abemaciclib would need positive nodes. A test not done (Bea's germline BRCA) is asked for,
#   not read as negative.
#
# ## What's next?
# - Back: [Lesson 6, the patient's path](06_patient_path.ipynb) ·
#   [Start page](00_start_here.ipynb) · [Glossary](glossary.md)
# - Next: [Lesson 8, read your report](08_read_your_report.ipynb): a pathology report, finding by
#   finding.
#
# ## Sources
# - Wolff AC et al. HER2 testing in breast cancer: ASCO/CAP guideline focused update. J Clin
#   Oncol 2018;36:2105–2122; affirmed in 2023 with the rules unchanged and a new reporting
#   comment and practice points on IHC 0 versus 1+, J Clin Oncol 2023;41:3867–3872.
# - Allison KH et al. Estrogen and progesterone receptor testing in breast cancer: ASCO/CAP
#   guideline update. J Clin Oncol 2020;38:1346–1366.
# - Amin MB et al., eds. AJCC Cancer Staging Manual, 8th edition. Springer, 2017 (breast chapter
#   updated 2018).
# - National Cancer Institute. SEER Summary Stage 2018 coding manual; SEER Cancer Stat Facts:
#   Female Breast Cancer Subtypes.
# - The trials behind each treatment option are named with each option (lesson 5).
# - Patients: `data/capstone_patients.csv` (invented for teaching).
#
# Reviewed 2026-12-05 against: ASCO/CAP HER2 2018 (affirmed 2023) and ER/PR 2020 guidelines,
# AJCC 8th edition, SEER Summary Stage 2018 and Cancer Stat Facts, and the trials and FDA labels
# behind each option (monarchE, NATALEE, KEYNOTE-522, OlympiA, CREATE-X, PALOMA-2,
# MONALEESA-2, MONARCH-3), as in lesson 5.
