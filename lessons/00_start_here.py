# %% [markdown]
# # HER2-negative breast cancer: an interactive teaching collection
#
# Start here. This page says what the collection is, who it is for, and the order in which to
# work through the lessons.
#
# *Abbreviations:* HER2, human epidermal growth factor receptor 2; ER, estrogen receptor; PR,
# progesterone receptor; HR+, hormone-receptor positive; ASCO/CAP, American Society of Clinical
# Oncology and College of American Pathologists; AJCC, American Joint Committee on Cancer; TNM,
# tumour, nodes, metastasis; SEER, Surveillance, Epidemiology, and End Results Program.
#
# > **For education only.** These lessons teach how HER2-negative breast cancer is recognised,
# > classified, staged and treated, and what its survival figures mean. They are not medical
# > advice and must not be used for decisions about any person's care. If you have questions
# > about your own health or treatment, ask your care team.

# %% [markdown]
# ## In plain words
#
# Most breast cancers are "HER2-negative": their cells do not carry too much of HER2, a protein
# that tells cells to grow. Doctors sort these cancers further by whether they feed on the hormones
# estrogen and progesterone. These lessons explain how that sorting is done, how doctors
# describe how far a cancer has spread, which treatments fit which cancer and why, and what
# survival numbers can and cannot say. You can read them without writing any code.

# %% [markdown]
# ## Who it is for
#
# - **Students** of medicine, nursing, pharmacy, biology or data science who want to learn the
#   rules behind a pathology report and a survival table, with exercises that give feedback.
# - **Instructors** who need a ready lesson plan: see the
#   [instructor guide](../instructors/guide.md) for class plans and discussion questions.
# - **Anyone curious**, including patients and families: each lesson opens with a short
#   summary in plain words before the detail.

# %% [markdown]
# ## The lessons, in order
#
# | # | Lesson | What you will learn | Reading | Exercises | Total |
# |---|---|---|---|---|---|
# | 1 | [What HER2 is](01_her2_biology.ipynb) | the HER2 receptor, hormone receptors, how common each subtype is | 20 min | 10 min | 30 min |
# | 2 | [From biopsy to report](02_classification.ipynb) | how HER2, ER and PR are tested and scored (ASCO/CAP guidelines) | 25 min | 20 min | 45 min |
# | 3 | [Staging](03_staging.ipynb) | TNM, stage groups (AJCC 8th edition), localized/regional/distant | 30 min | 20 min | 50 min |
# | 4 | [What the survival figures mean](04_survival.ipynb) | relative survival, pandas, Kaplan-Meier curves | 20 min | 20 min | 40 min |
# | 5 | [Treatment logic](05_treatment.ipynb) | which finding opens which treatment, and the trial behind it | 30 min | 15 min | 45 min |
# | 6 | [The patient's path](06_patient_path.ipynb) | symptoms, risk factors, diagnosis, living with it | 20 min | 10 min | 30 min |
# | 7 | [Capstone: seven virtual patients](07_capstone.ipynb) | the whole pipeline, case by case | 10 min | 35 min | 45 min |
# | 8 | [Read your report](08_read_your_report.ipynb) | paste a pathology report and see each finding explained, with the rules of lessons 2 and 3 | 20 min | 10 min | 30 min |
#
# "Reading" covers the text, figures, widgets and the "Think" questions; "Exercises" covers the
# exercises and concept checks. Lessons 4, 5 and 6 ask for a line of pandas (see below).
#
# **Reading on your own, without code?** Start with [lesson 6, the patient's path](06_patient_path.ipynb),
# then lessons 1, 4 and 5; the exercises are optional. To read a pathology report line by line,
# use [lesson 8](08_read_your_report.ipynb). The [instructor guide](../instructors/guide.md#self-study-path-for-lay-readers)
# gives this path with times.
#
# Terms are explained in the [glossary](glossary.md).

# %% [markdown]
# ## Python you need
#
# You can read every lesson without writing code. To do the exercises you need four things,
# all shown in the cell below:
#
# - **Running a cell.** Click in a grey code cell and press <kbd>Shift</kbd> + <kbd>Enter</kbd>.
#   The result appears under it. Run the cells of a lesson from the top, in order: a cell can use
#   a name that an earlier cell made.
# - **A variable** is a name for a value: `answer = 12` puts 12 in `answer`. Exercises start with
#   `answer = ...`; the `...` means "not answered yet". Replace it and run the cell.
# - **A string** is text, and it goes **in quotes**: `answer = "left"`. Without quotes,
#   `answer = left` makes Python look for a variable called `left` and stop with a
#   `NameError`. A result such as `"HR+/HER2-"` needs quotes too, or Python tries to read the
#   `+`, `/` and `-` as arithmetic and stops with an error.
# - **A list** holds several values between square brackets, separated by commas:
#   `answer = ["chemotherapy", "immunotherapy"]`.
#
# Numbers go without quotes and without the % sign: `answer = 42.5`.

# %%
answer = "left"  # a string: text in quotes
stages = ["localized", "regional", "distant"]  # a list of three strings
print(answer, len(stages), stages[0])

# %% [markdown]
# **pandas** is the library that holds the data tables in the lessons. Lessons 1 to 3 only show
# tables. Lessons 4, 5 and 6 ask for one line of pandas, such as picking a row or a column
# (`table["stage"]`, `table.loc[...]`); each of those lessons lists it under **Prerequisites** as
# needed, and the short guide [10 minutes to pandas](https://pandas.pydata.org/docs/user_guide/10min.html)
# covers it.

# %% [markdown]
# ## How to use the notebooks
#
# - **Run a cell** with <kbd>Shift</kbd> + <kbd>Enter</kbd>. Run the whole lesson from the
#   **Run** menu, "Run All Cells". Each lesson runs in a few seconds.
# - **Exercises** end with a line like `exercises.survival.exercise_1(answer)`. Replace the
#   `...` with your answer and run the cell: the box below says whether you are right, or gives
#   a hint. Type words in quotes (`answer = "left"`). After three wrong tries the hint names
#   a call such as `exercises.survival.show_answer(1)` that shows the worked answer and why.
# - **Widgets** (drop-down lists, sliders, text boxes and buttons) respond as soon as you change
#   them. Move between them with <kbd>Tab</kbd> and change a choice with the arrow keys. If an
#   entry is not valid, the widget says why in words; fix the entry and carry on.
# - **If something looks stuck**, use Kernel → "Restart Kernel and Run All Cells".
#
# The widgets work in JupyterLab, on your computer or on Binder. A short check that the
# collection's library is installed:

# %%
import helpers

print(f"helpers {helpers.__version__} is ready.")
print(helpers.DISCLAIMER)

# %% [markdown]
# ## Where the facts come from
#
# Every rule and number names its source in the lesson that uses it: the ASCO/CAP guidelines
# for HER2 (2018, affirmed 2023) and for ER/PR (2020) testing, the AJCC Cancer Staging Manual
# (8th edition), the SEER Program of the US National Cancer Institute (NCI) for survival and
# incidence, and the published trials behind each treatment. The data tables in `data/` each
# have a description file giving their source, data years and licence.
#
# Reviewed 2026-12-05: every lesson, the glossary's clinical entries and the data tables were
# checked line by line against their primary sources on that date; the last line of each lesson
# names the sources it was checked against.
#
# ---
# **Next:** [Lesson 1, what HER2 is](01_her2_biology.ipynb).
