# Two commands do all the set-up: `make lab` opens the collection, `make test` runs every test.
# Both create .venv and install the pinned dependencies (requirements.txt) and this project,
# editable, the first time, and again whenever requirements.txt or pyproject.toml changes.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
TEST_STAMP := $(VENV)/.test-installed
START  := notebooks/00_start_here.ipynb
NBGRADER_SERVER_EXTENSIONS := formgrader validate_assignment assignment_list course_list

.PHONY: install lab app report-app site test notebooks bench bench-load clean student-tree grader

install: $(STAMP)

$(STAMP): requirements.txt pyproject.toml setup.py tools/lab_settings/her2neg-teaching.json
	@test -x $(BIN)/python || { echo "Creating $(VENV) with $(PYTHON) ..."; $(PYTHON) -m venv $(VENV); }
	@echo "Installing pinned dependencies and the helpers package (the first run takes a few minutes) ..."
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt -e .
	@# nbgrader only builds the student notebooks: hide its course-management menus.
	@$(BIN)/jupyter labextension disable --level=sys_prefix @jupyter/nbgrader >/dev/null 2>&1
	@for ext in $(NBGRADER_SERVER_EXTENSIONS); do \
		$(BIN)/jupyter server extension disable --sys-prefix nbgrader.server_extensions.$$ext >/dev/null 2>&1; done
	@# JupyterLab's defaults for this collection: no news feed question, no update check.
	@$(BIN)/python tools/install_lab_settings.py >/dev/null
	@touch $(STAMP)

# What only the tests need (so that `make lab` stays quick): the pandas 3 wheel for
# tests/test_pandas3.py (downloaded only: the tests run offline), and Python 3.12 and 3.13
# environments for tests/test_python_versions.py, where this machine has those interpreters
# (tools/compat_envs.py says which it skipped).
$(TEST_STAMP): $(STAMP) requirements-pandas3.txt tools/compat_envs.py
	@echo "Preparing what the compatibility tests need (pandas 3, Python 3.12/3.13) ..."
	$(BIN)/python -m pip download --quiet --disable-pip-version-check --no-deps \
		--only-binary=:all: -d $(VENV)/compat-wheels -r requirements-pandas3.txt
	$(BIN)/python tools/compat_envs.py
	@touch $(TEST_STAMP)

# JupyterLab on the start page, on 127.0.0.1 only, with token authentication on: it prints the
# URL with its token; it also starts when run as root (containers, CI machines). The command
# itself lives in tools/serve.py, which tests/test_servers.py starts the same way.
lab: $(STAMP)
	$(BIN)/python tools/serve.py lab

# The explorers as a code-free app (Voila), on 127.0.0.1 only, with a token: open the URL it prints.
app: $(STAMP)
	$(BIN)/python tools/serve.py app

# The report reader of lesson 8 as its own code-free page (Voila), served the same way.
report-app: $(STAMP)
	$(BIN)/python tools/serve.py report-app

# Unit tests of helpers, then nbval over every notebook (configured in pyproject.toml).
test: $(TEST_STAMP)
	$(BIN)/python -m pytest

# For authors: rebuild the notebooks (student and solution versions) from lessons/*.py and
# execute them in fresh kernels. Not needed to use or test the collection.
notebooks: $(STAMP)
	$(BIN)/python tools/build_notebooks.py

# For instructors running a graded class (instructors/guide.md, "Running a graded class").
# The grader's environment, .venv-grader: the helpers package installed as a copy (not
# editable) and then made read-only, with nbgrader and the authoring tools at the pinned
# versions. It is rebuilt when the library changes.
GRADER       := .venv-grader
GRADER_STAMP := $(GRADER)/.installed
LIBRARY      := $(shell find src data -type f \( -name '*.py' -o -name '*.csv' -o -name '*.json' \) 2>/dev/null)

.PHONY: grader
grader: $(GRADER_STAMP)

$(GRADER_STAMP): requirements.txt pyproject.toml setup.py $(LIBRARY)
	@test -x $(GRADER)/bin/python || { echo "Creating $(GRADER) with $(PYTHON) ..."; $(PYTHON) -m venv $(GRADER); }
	@chmod -R u+w $(GRADER)
	@echo "Installing nbgrader and a read-only copy of the helpers package into $(GRADER) ..."
	$(GRADER)/bin/python -m pip install --quiet --disable-pip-version-check -c requirements.txt ".[author,lab]"
	@chmod -R a-w "$$($(GRADER)/bin/python -c 'import helpers, os; print(os.path.dirname(helpers.__file__))')"
	@rm -rf build src/*.egg-info
	@touch $(GRADER_STAMP)

# An nbgrader course built from lessons/*.py, in course/ (not committed): course/source/<lesson>/
# per lesson with exercises, each followed by a locked cell that hands the answer in, and
# course/nbgrader_config.py, which decides every grade in the grader's own process.
.PHONY: course
course: $(GRADER_STAMP)
	$(GRADER)/bin/python tools/build_course.py

# The student-only tree a graded class pulls onto its hub (student notebooks, glossary, data
# tables, nothing that holds an answer), in _build/student-tree/: publish it as its own
# repository or branch.
student-tree: $(GRADER_STAMP)
	$(GRADER)/bin/python tools/build_student_tree.py

# The published site: a Sphinx book (MyST-NB, sphinx-book-theme; tools/site/conf.py) of every
# notebook with its committed outputs, the glossary and an index, in _build/site/ (offline, no
# notebook is run; each page links to Binder). tests/test_site.py builds it too.
site: $(STAMP)
	$(BIN)/python tools/build_site.py

# Benchmarks (not part of make test): each notebook's run time against its imports-only floor,
# its kernel's peak memory, and every widget's update() time; prints a table and writes
# benchmarks/results.json. See benchmarks/run.py for what is measured and the targets.
bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

# Load benchmark of the app (not part of make test; takes several minutes): 30 simulated
# students on 127.0.0.1 open the app, load its widgets and change a control; reports render
# time, round trip, kernel memory and that kernels are reclaimed. See benchmarks/README.md.
bench-load: $(STAMP)
	$(BIN)/python benchmarks/load.py

clean:
	chmod -R u+w $(GRADER) 2>/dev/null || true
	rm -rf $(VENV) $(GRADER) .venv-compat .pytest_cache
