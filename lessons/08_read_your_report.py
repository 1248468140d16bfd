# %% [markdown]
# # 8. Read your report: a breast pathology report, finding by finding
#
# Paste the text of a breast pathology report and see each finding it states, what it means in
# plain words, what the collection's rules make of it, and which lesson teaches it.
#
# *Abbreviations:* HER2, human epidermal growth factor receptor 2; ER, estrogen receptor; PR,
# progesterone receptor; IHC, immunohistochemistry; ISH, in situ hybridisation; ASCO/CAP,
# American Society of Clinical Oncology and College of American Pathologists; AJCC, American
# Joint Committee on Cancer; DCIS, ductal carcinoma in situ; NST, no special type; RCB,
# residual cancer burden; TNM, tumour, nodes, metastasis; NHS, the UK's National Health
# Service.
#
# > **For education only.** This lesson teaches how to read the words and numbers in a
# > pathology report. It is not medical advice and must not be used for decisions about any
# > person's care.
#
# > **A note for readers with a diagnosis.** The reader below explains words and applies the
# > testing and staging rules the other lessons teach. It says nothing about treatment or about
# > what will happen, and it can misread a report. Your care team knows your whole story: ask
# > them what your own results mean. Remove your name, date of birth and any hospital, NHS or
# > record numbers before you paste anything.

# %% [markdown]
# ## In plain words
#
# After a biopsy or an operation, a doctor called a pathologist looks at the tissue and writes a
# report. Many people can now read it online, often before anyone has explained it. The report
# is full of short codes like "G2", "ER 95%" or "pT1c". This lesson shows how to read them. You
# can paste a report into a box, and the page explains each finding in plain words. It never
# guesses: what the report does not say is left out.

# %% [markdown]
# ## Overview
#
# 1. A made-up report, read finding by finding
# 2. Grade, lymphovascular invasion and margins
# 3. Ki-67 and treatment before surgery
# 4. The rules behind the explanations
# 5. What the reader cannot do
# 6. Three lines to read
# 7. Read a report yourself
#
# **Learning objectives.** After this lesson you can:
# - find the type, grade, size, receptor results, HER2 result, nodes and TNM categories in a
#   breast pathology report, whatever its layout;
# - say in plain words what grade, lymphovascular invasion, margins, Ki-67 and residual cancer
#   burden describe;
# - apply the ASCO/CAP rules to a report's own numbers (an ER of 8 % is "low positive"; IHC 2+
#   with ISH group 4 is HER2-negative and HER2-low);
# - explain why a reader of reports must not guess, and what it must never say.
#
# **Prerequisites**
#
# | Concept | Needed or helpful | Where to learn it |
# |---|---|---|
# | HER2, ER and PR results | Helpful | [Lesson 2](02_classification.ipynb) |
# | T, N and stage | Helpful | [Lesson 3](03_staging.ipynb) |
# | Running a cell | Helpful | [Start page](00_start_here.ipynb) |
#
# **Time:** about 30 minutes (20 reading, 10 exercises).

# %%
from helpers import exercises
from helpers.report import EXAMPLE_REPORT, read_report
from helpers.widgets.report import report_reader
import helpers.exercises.report  # noqa: F401  (the lesson's exercise checkers)

# %% [markdown]
# ---
# ## 1. A made-up report, read finding by finding
#
# Below is a report written for this lesson; no real person is behind it. Like real reports it
# mixes layouts: a narrative diagnosis, "Key: value" lines for the biomarkers, and an addendum
# that brings a result which was still to follow. Its first lines hold a made-up name, date of
# birth and record number, as a real header would.

# %%
print(EXAMPLE_REPORT)

# %% [markdown]
# `read_report` reads the text. Lines that carry identifiers (names, dates, record and
# accession numbers) are dropped before anything is read, and only the short phrases that
# state a finding are kept.

# %%
report = read_report(EXAMPLE_REPORT)
print(report)

# %% [markdown]
# `report.explain()` lists each finding in reading order: the words as written, what they mean,
# what the collection's rule makes of them, and a link to the lesson that teaches it.

# %%
report.explain()

# %% [markdown]
# ## 2. Grade, lymphovascular invasion and margins
#
# Three findings in most reports are not taught elsewhere in the collection:
#
# - **Grade** (Nottingham grade) says how different the cancer cells look from normal cells.
#   Three features get 1 to 3 points each: how much the cells still form tubes, how varied their
#   nuclei look, and how many are dividing. A total of 3-5 is grade 1, 6-7 grade 2 and 8-9
#   grade 3 (Elston and Ellis, 1991). Reports write it as "grade 2", "G2", "(3+2+2=7/9)" or
#   "moderately differentiated". The "nuclear grade" of DCIS is a different score.
# - **Lymphovascular invasion** means cancer cells were seen inside small blood or lymph vessels
#   next to the tumour. "Possible" or "cannot be assessed" is neither yes nor no.
# - **Margins** are the edges of the removed tissue. "Negative" or "clear" means no invasive
#   cancer at the inked edge; reports often give the distance to the closest margin. DCIS at a
#   margin is reported separately.

# %%
print("grade:", report.grade, "| lymphovascular invasion:", report.lymphovascular_invasion,
      "| margins:", report.margins)
print(read_report("No lymphovascular invasion is identified.").lymphovascular_invasion)
print(read_report("Lymphovascular invasion: possible").lymphovascular_invasion)

# %% [markdown]
# ## 3. Ki-67 and treatment before surgery
#
# **Ki-67** is a stain for cells that are growing and dividing; the report gives the share of
# cancer cells that stain. Laboratories use different cut-offs for "high", and no single
# guideline cut-off is used here, so the reader reports the number and applies no rule.
#
# When treatment is given **before surgery** (neoadjuvant treatment), the report describes what
# is left. The categories get a "y" ("ypT1a", "ypN0"), the size is that of the largest remaining
# invasive focus, not of the scarred tumour bed, and many reports add the **residual cancer
# burden** (RCB): a class from RCB-0 (no invasive cancer left in the breast or the nodes, a
# pathological complete response) to RCB-III (Symmans et al., 2007).

# %%
after = read_report("Residual invasive carcinoma, largest focus 4 mm, in a tumour bed of "
                    "25 x 20 mm. Residual cancer burden: RCB-II. ypT1a ypN0")
print(after.tumour_size_mm, after.pt, after.pn, after.rcb_class)

# %% [markdown]
# ## 4. The rules behind the explanations
#
# The reader does not keep rules of its own: it calls the library's functions that lessons 2
# and 3 teach, so the same rule gives the same answer everywhere.
#
# - **ER and PR** (ASCO/CAP 2020): under 1 % of cells is negative; ER from 1 to 10 % is "low
#   positive"; PR has no low group. A stated percentage decides, even where the laboratory's own
#   word differs.
# - **[Allred score](glossary.md#allred-score)** alone: totals of 0 and 2 can only come from under
#   1 % of cells, and 6 to 8 only from over 10 %; 3 to 5 can come from either side of a cut-off,
#   so a total alone does not settle them (the proportion part, if given, does).
# - **HER2** (ASCO/CAP 2018, affirmed 2023): IHC 0 or 1+ is negative, 3+ positive, 2+ equivocal
#   until an ISH result comes; an addendum's values replace the earlier ones.
#   [HER2-low](glossary.md#her2-low) (IHC 1+, or 2+ with a negative ISH) is a trial and
#   drug-label group, not a test result.
# - **T and N** (AJCC 8th edition) from the size and the number of involved nodes, and a stage
#   group only when the report states T, N and M.

# %%
for text in ("Estrogen receptor: positive (8%)", "Oestrogen receptor: Allred score 4/8",
             "HER2 IHC 2+. HER2 SISH ratio 1.4, average HER2 copy number 4.6 per cell."):
    r = read_report(text)
    print(f"{text!r}\n  ER: {r.er_status}  HER2: {r.her2_result} ({r.her2_expression}), "
          f"ISH group {r.rules.her2_ish_group}")

# %% [markdown]
# ## 5. What the reader cannot do
#
# The reader never guesses. A range ("91-100%") gives no single percentage; a result "to
# follow" gives no result; a finding it sees but cannot read is listed as not read, with the
# reason. It reads one tumour: a report with two separate tumours, or several specimens, needs
# a person. It never says what treatment fits or what will happen: those depend on much more
# than a report.

# %%
unsure = read_report("ER: Positive, 91-100% of cells. HER2: pending.")
print(unsure.er_percent, unsure.er_status)
for item in unsure.not_read:
    print("not read:", item.written, "-", item.reason)

# %% [markdown]
# **Think:** a report says "ER: Positive (5%)". Why does the reader call it "low positive", and
# why would a person reading the word "positive" alone get a different picture?

# %% [markdown]
# <!-- solution -->
# <details><summary>Model answer</summary>
#
# The ASCO/CAP 2020 guideline counts 1 % or more stained cells as ER positive, but asks
# laboratories to report 1-10 % as "ER Low Positive", with a comment: these tumours vary, many
# behave more like ER-negative ones, and there is less evidence that hormone therapy helps them.
# The reader applies the guideline to the number, so 5 % is low positive even where the
# laboratory wrote only "positive". Someone who reads only the word may think the cancer is
# strongly hormone-driven, like one with 95 % of cells stained. The number is the finding; the
# word is a summary of it.
#
# </details>

# %% [markdown]
# ## 6. Three lines to read
#
# Read each line as the reader would, then check your answer. The checker's right answer is what
# `read_report` makes of the same line.
#
# ### Exercise 1: the laboratory's word and the number
#
# A report says: *"Estrogen receptor: positive (8% of tumour cells, weak to moderate)"*. What is
# the ASCO/CAP 2020 class? Answer in quotes: `"negative"`, `"low positive"` or `"positive"`
# (any case).

# %%
answer = ...  # "negative", "low positive" or "positive"
### BEGIN SOLUTION
answer = "low positive"
### END SOLUTION
exercises.report.exercise_1(answer)

# %% [markdown]
# ### Exercise 2: which size?
#
# *"Invasive carcinoma of no special type, largest focus 14 mm. Whole tumour size (invasive
# carcinoma + DCIS): 22 mm."* Which size, in millimetres, does T use? Give a number, e.g. `30`;
# the checker wants it exact.

# %%
answer = ...
### BEGIN SOLUTION
answer = 14
### END SOLUTION
exercises.report.exercise_2(answer)

# %% [markdown]
# ### Exercise 3: count the involved nodes
#
# *"Sentinel lymph nodes: macrometastasis in 1 node, micrometastasis in 1 node, isolated tumour
# cells in 1 node (4 nodes examined)."* How many nodes count as involved? Give a whole number,
# e.g. `5`; the checker wants it exact.

# %%
answer = ...
### BEGIN SOLUTION
answer = 2
### END SOLUTION
exercises.report.exercise_3(answer)

# %% [markdown]
# ## 7. Read a report yourself
#
# Before you paste a report of your own, remove your name, date of birth, address, and any
# hospital, NHS, medical record or accession numbers.
#
# **Where does the text go?** It depends on where this page runs. If you installed the
# collection and opened this notebook on your own computer, the page runs on your computer: the
# notebook's Python reads the text and nothing is sent anywhere. If you opened it on Binder
# (mybinder.org), the page does *not* run on your computer: Binder is a free public service that
# runs the collection on a temporary computer in the cloud, so the text goes over the internet
# to that computer and is deleted with it when the session ends. On Binder, paste only a
# made-up or fully anonymised report.
#
# **No code?** The same reader is also a page of its own, with no code to run:
# [the report reader on Binder](https://mybinder.org/v2/gh/her2neg-teaching/her2neg-teaching/HEAD?urlpath=voila/render/app/report_reader.ipynb)
# (it runs on Binder, so the note above about Binder applies). The box below starts with the
# made-up example.

# %%
report_reader(EXAMPLE_REPORT)

# %% [markdown]
# **Question:** in the made-up example, the HER2 IHC line says "2+ (equivocal)". Why does the
# reader end with "HER2-negative" and "HER2-low"? Change the ratio in the box to 2.4 and read it
# again: what changes, and why?

# %% [markdown]
# <!-- solution -->
# <details><summary>Model answer</summary>
#
# IHC 2+ is equivocal only until the ISH result comes. The addendum gives a ratio of 1.4 with 4.6
# HER2 copies per cell: a ratio under 2.0 with 4.0 to under 6.0 copies is ISH group 4, which with
# IHC 2+ is HER2-negative after a second count (ASCO/CAP 2018, affirmed 2023). A negative ISH
# with IHC 2+ is what "HER2-low" means. With a ratio of 2.4 and 4.6 copies the case is ISH group
# 1 (ratio at least 2.0 and at least 4.0 copies), which is HER2-positive whatever the IHC score,
# so the result turns positive and it is no longer HER2-low.
#
# </details>

# %% [markdown]
# ---
# ## Key points
# - A pathology report states type, grade, size, receptors, HER2, nodes, margins and TNM in many
#   layouts; the words differ, the findings are the same.
# - The reader applies the collection's own rules to the report's own numbers: ER 1-10 % is low
#   positive whatever the word; IHC 2+ waits for ISH; ISH group 4 with IHC 2+ is HER2-negative
#   and HER2-low.
# - It never guesses, lists what it could not read, and never says what to do or what will
#   happen.
# - Remove identifiers before pasting; on a laptop nothing leaves the machine, on Binder the text
#   goes to a temporary computer in the cloud.
#
# ## What's next?
# - Back: [Lesson 7, capstone](07_capstone.ipynb).
# - The rules in full: [lesson 2](02_classification.ipynb) (HER2, ER, PR) and
#   [lesson 3](03_staging.ipynb) (T, N, stage).
# - [Start page](00_start_here.ipynb) · [Glossary](glossary.md)
#
# ## Sources
# - Wolff AC, et al. Human epidermal growth factor receptor 2 testing in breast cancer: ASCO/CAP
#   clinical practice guideline focused update. J Clin Oncol 2018;36:2105–2122; and the 2023
#   update, J Clin Oncol 2023;41:3867–3872 (IHC scores, ISH groups 1-5, the group 4 rule).
# - Allison KH, et al. Estrogen and progesterone receptor testing in breast cancer: ASCO/CAP
#   guideline update. J Clin Oncol 2020;38:1346–1366 (negative under 1 %; ER low positive 1-10 %).
# - Harvey JM, et al. Estrogen receptor status by immunohistochemistry is superior to the
#   ligand-binding assay. J Clin Oncol 1999;17:1474–1481 (the Allred score).
# - Amin MB, et al., eds. AJCC Cancer Staging Manual, 8th edition. Springer, 2017 (T, N, M, the
#   "y" prefix and the anatomic stage groups).
# - Elston CW, Ellis IO. Pathological prognostic factors in breast cancer. I. The value of
#   histological grade. Histopathology 1991;19:403–410 (Nottingham grade).
# - Symmans WF, et al. Measurement of residual breast cancer burden to predict survival after
#   neoadjuvant chemotherapy. J Clin Oncol 2007;25:4414–4422 (residual cancer burden classes).
# - College of American Pathologists. Template for reporting results of biomarker testing of
#   specimens from patients with carcinoma of the breast; Protocol for the examination of
#   resection specimens from patients with invasive carcinoma of the breast (the synoptic forms
#   the test reports follow).
# - Modi S, et al. Trastuzumab deruxtecan in previously treated HER2-low advanced breast cancer
#   (DESTINY-Breast04). N Engl J Med 2022;387:9–20 (where "HER2-low" comes from).
#
# Reviewed 2026-12-05 against: Wolff et al., J Clin Oncol 2018 and 2023 (ISH group 4 with IHC
# 2+); Allison et al., J Clin Oncol 2020 (ER low positive); the NAACCR Allred score data item and
# Harvey et al., J Clin Oncol 1999 (proportion bands); AJCC 8th edition breast chapter; Symmans
# et al., J Clin Oncol 2007 and 2017 (residual cancer burden classes).
