"""Every data file has a sidecar that describes it exactly, and nothing has changed the file."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from helpers import DATA_DIR
from helpers.datafiles import file_sha256, read_csv, read_sidecar, sidecar_path, validate_table

CSV_FILES = sorted(DATA_DIR.glob("*.csv"))


def test_there_are_data_files() -> None:
    assert CSV_FILES, "data/ should hold the collection's tables"


@pytest.mark.parametrize("path", CSV_FILES, ids=lambda p: p.name)
def test_file_matches_its_sidecar(path: Path) -> None:
    meta = json.loads(sidecar_path(path).read_text(encoding="utf-8"))
    frame = read_csv(path)
    assert validate_table(frame, meta) == []


@pytest.mark.parametrize("path", CSV_FILES, ids=lambda p: p.name)
def test_checksum_recorded_in_sidecar(path: Path) -> None:
    """Nothing writes into data/: each file's bytes match the checksum its sidecar records."""
    assert read_sidecar(path.stem)["sha256"] == file_sha256(path)


def test_every_sidecar_has_a_data_file() -> None:
    for meta in DATA_DIR.glob("*.meta.json"):
        assert (DATA_DIR / meta.name.replace(".meta.json", ".csv")).is_file(), meta.name


#: The date of the last line-by-line review against the primary sources. Every sidecar and the
#: treatment rules' ``reviewed`` column carry it; a later review changes it everywhere at once.
REVIEW_DATE = "2026-12-05"


@pytest.mark.parametrize("path", CSV_FILES, ids=lambda p: p.name)
def test_sidecar_carries_the_review_date(path: Path) -> None:
    assert read_sidecar(path.stem).get("reviewed") == REVIEW_DATE


def test_treatment_rules_reviewed_on_the_review_date() -> None:
    rules = read_csv(DATA_DIR / "treatment_rules.csv")
    assert set(rules["reviewed"].astype(str)) == {REVIEW_DATE}


def test_validator_catches_broken_tables() -> None:
    """The validator itself can fail: each kind of breakage is reported."""
    meta = {
        "title": "t", "publisher": "p", "url": "u", "data_years": "y", "retrieved": "r",
        "reviewed": "2026-11-25", "licence": "l", "description": "d", "sha256": "x",
        "columns": [
            {"name": "stage", "type": "string", "unit": None, "allowed": ["a", "b"]},
            {"name": "pct", "type": "number", "unit": "percent", "min": 0, "max": 100},
        ],
    }
    good = pd.DataFrame({"stage": ["a", "b"], "pct": [1.0, 99.0]})
    assert validate_table(good, meta) == []
    assert validate_table(good.rename(columns={"pct": "p"}), meta)
    assert validate_table(pd.DataFrame({"stage": ["a", "c"], "pct": [1.0, 2.0]}), meta)
    assert validate_table(pd.DataFrame({"stage": ["a", "b"], "pct": [1.0, 130.0]}), meta)
    assert validate_table(pd.DataFrame({"stage": ["a", None], "pct": [1.0, 2.0]}), meta)
    assert validate_table(pd.DataFrame({"stage": ["a", "b"], "pct": [1.0, "x"]}), meta)
    assert validate_table(good, {**meta, "url": ""})


def test_words_like_null_are_not_missing(tmp_path: Path) -> None:
    """HER2-null is written "null": it must stay a word, while an empty cell is missing."""
    path = tmp_path / "t.csv"
    path.write_text("expression,ratio\nnull,\nNA,2.0\n")
    sidecar_path(path).write_text(json.dumps({
        "sha256": file_sha256(path),
        "columns": [{"name": "expression", "type": "string"},
                    {"name": "ratio", "type": "number", "unit": "ratio", "required": False}]}))
    frame = read_csv(path)
    assert frame["expression"].tolist() == ["null", "NA"]
    assert frame["ratio"].isna().tolist() == [True, False]


# --- Every read checks the file against its sidecar -------------------------------------------

from helpers import datafiles  # noqa: E402
from helpers.datafiles import DataFileError, read_table  # noqa: E402


def broken_copy(tmp_path: Path, name: str, edit, *, update_checksum: bool = True) -> Path:
    """A copy of data/ in which ``edit(text) -> text`` changed NAME.csv (and, as a careful
    editor would, its sidecar's checksum, so that the content check is what must catch it)."""
    data = tmp_path / "data"
    data.mkdir()
    for path in DATA_DIR.iterdir():
        (data / path.name).write_bytes(path.read_bytes())
    csv = data / f"{name}.csv"
    text = csv.read_text(encoding="utf-8")
    changed = edit(text)
    assert changed != text, "the edit should change the file"
    if isinstance(changed, bytes):
        csv.write_bytes(changed)
    else:
        csv.write_text(changed, encoding="utf-8")
    if update_checksum:
        side = sidecar_path(csv)
        meta = json.loads(side.read_text(encoding="utf-8"))
        meta["sha256"] = file_sha256(csv)
        side.write_text(json.dumps(meta), encoding="utf-8")
    return data


def replace_cell(text: str, row_prefix: str, column: int, value: str) -> str:
    """Replace column ``column`` (0-based) of the first line starting with ``row_prefix``
    (a line without quoted commas before that column)."""
    lines = text.split("\n")
    i = next(i for i, line in enumerate(lines) if line.startswith(row_prefix))
    cells = lines[i].split(",")
    cells[column] = value
    lines[i] = ",".join(cells)
    return "\n".join(lines)


def rule_line(rule_id: str) -> tuple[int, int]:
    """(data row number, germline_brca column) of a rule in treatment_rules.csv."""
    frame = read_csv(DATA_DIR / "treatment_rules.csv")
    return (int(frame.index[frame["rule_id"] == rule_id][0]) + 1,
            list(frame.columns).index("germline_brca"))


def test_every_data_file_reads_cleanly() -> None:
    for path in CSV_FILES:
        assert len(read_table(path.stem)) > 0


def test_yes_for_true_in_the_rules_is_an_error_naming_file_row_and_value(tmp_path: Path) -> None:
    """Before: 'yes' read as not-true silently dropped the germline-BRCA condition's meaning."""
    frame = read_csv(DATA_DIR / "treatment_rules.csv")
    rule_id = frame.loc[frame["germline_brca"] == True, "rule_id"].iloc[0]  # noqa: E712
    row, column = rule_line(rule_id)
    data = broken_copy(tmp_path, "treatment_rules",
                       lambda t: replace_cell(t, rule_id + ",", column, "yes"))
    with pytest.raises(ValueError) as caught:
        read_table("treatment_rules", data_dir=data)
    message = str(caught.value)
    assert "data/treatment_rules.csv" in message
    assert f"row {row} (rule_id '{rule_id}')" in message
    assert "germline_brca must be true or false; got 'yes'" in message
    assert isinstance(caught.value, DataFileError)


def test_booleans_are_true_false_or_none() -> None:
    """A blank boolean cell is None ('any' in the rules), never True."""
    rules = read_table("treatment_rules")
    assert set(rules["germline_brca"].map(repr)) <= {"True", "False", "None"}
    assert rules["germline_brca"].isna().any() and (rules["germline_brca"] == True).any()  # noqa: E712
    blank = rules.loc[rules["germline_brca"].isna(), "germline_brca"]
    assert not any(bool(v) for v in blank)
    risks = read_table("risk_factors")
    assert risks["modifiable"].dtype == bool


def test_blank_required_boolean_is_an_error(tmp_path: Path) -> None:
    """A blank required boolean cell is an error naming file, row and column."""
    data = broken_copy(tmp_path, "risk_factors",
                       lambda t: t.replace("Being female,false,", "Being female,,", 1))
    with pytest.raises(DataFileError,
                       match=r"row 1 \(risk_factor 'Being female'\): modifiable is empty"):
        read_table("risk_factors", data_dir=data)


def test_blank_germline_result_reads_as_not_tested() -> None:
    """Before: capstone's bool(NaN) made a blank germline BRCA cell True; since issue 21 a blank
    cell is a test not done (None), never True and never a negative result."""
    from helpers import capstone

    assert capstone.patient("Ana").germline_brca is None
    assert capstone.patient("Eli").germline_brca is True


def test_survival_above_100_percent_is_an_error(tmp_path: Path) -> None:
    data = broken_copy(tmp_path, "seer_survival",
                       lambda t: t.replace("seed,HR+/HER2-,regional,90", "seed,HR+/HER2-,regional,130"))
    with pytest.raises(DataFileError) as caught:
        read_table("seer_survival", data_dir=data)
    assert "data/seer_survival.csv" in str(caught.value)
    assert "row 2 (release 'seed', subtype 'HR+/HER2-', stage 'regional')" in str(caught.value)
    assert "survival_pct must be between 0 and 100 (percent); got '130'" in str(caught.value)


def test_duplicate_key_is_an_error(tmp_path: Path) -> None:
    data = broken_copy(tmp_path, "seer_survival",
                       lambda t: t.replace("seed,HR+/HER2-,regional,90\n",
                                           "seed,HR+/HER2-,regional,90\nseed,HR+/HER2-,regional,91\n"))
    with pytest.raises(DataFileError, match=r"rows 2 and 3 repeat the key release, subtype, stage"):
        read_table("seer_survival", data_dir=data)


def test_every_table_with_rows_to_look_up_declares_a_key() -> None:
    for path in CSV_FILES:
        key = read_sidecar(path.stem).get("key")
        assert key, f"{path.name}: its sidecar should name the key columns"
        assert not read_csv(path).duplicated(subset=key).any()


def test_missing_column_is_an_error_naming_the_file(tmp_path: Path) -> None:
    def drop_last_column(text: str) -> str:
        return "\n".join(line.rsplit(",", 1)[0] if line else line for line in text.split("\n"))

    data = broken_copy(tmp_path, "seer_survival", drop_last_column)
    with pytest.raises(DataFileError, match=r"data/seer_survival.csv .*missing column \['survival_pct'\]"):
        read_table("seer_survival", data_dir=data)


def test_semicolon_separated_file_is_an_error_naming_the_file(tmp_path: Path) -> None:
    data = broken_copy(tmp_path, "subtype_incidence", lambda t: t.replace(",", ";"))
    with pytest.raises(DataFileError, match=r"data/subtype_incidence.csv.*';'"):
        read_table("subtype_incidence", data_dir=data)


def test_utf16_file_is_an_error_naming_the_file(tmp_path: Path) -> None:
    data = broken_copy(tmp_path, "subtype_incidence", lambda t: t.encode("utf-16"))
    with pytest.raises(DataFileError, match=r"data/subtype_incidence.csv is not UTF-8"):
        read_table("subtype_incidence", data_dir=data)


def test_changed_file_with_old_checksum_is_an_error(tmp_path: Path) -> None:
    data = broken_copy(tmp_path, "subtype_incidence", lambda t: t.replace("69.5", "69.4"),
                       update_checksum=False)
    with pytest.raises(DataFileError, match=r"data/subtype_incidence.csv: its checksum"):
        read_table("subtype_incidence", data_dir=data)


def test_read_returns_a_fresh_copy_each_time() -> None:
    first = read_table("subtype_incidence")
    first.loc[0, "share_pct"] = -1
    assert read_table("subtype_incidence").loc[0, "share_pct"] != -1


def test_survival_explorer_says_a_data_file_is_broken(tmp_path: Path, monkeypatch) -> None:
    """Before: the explorer told the student to "check your input" for a broken data file."""
    import helpers.survival
    from helpers.widgets.survival import SurvivalExplorer

    data = broken_copy(tmp_path, "seer_survival",
                       lambda t: t.replace("seed,HR+/HER2-,regional,90", "seed,HR+/HER2-,regional,130"))
    monkeypatch.setattr(helpers.survival, "read_table",
                        lambda name: datafiles.read_table(name, data_dir=data))
    explorer = SurvivalExplorer()
    shown_text = explorer.figure.value
    assert "data file" in shown_text and "check your input" not in shown_text.lower()
    assert "survival_pct must be between 0 and 100" in shown_text
    assert "Traceback" not in shown_text


# --- Every data file needs a well-formed sidecar; line ends -----------------------------------


def test_prognostic_table_without_its_sidecar_is_an_error(tmp_path: Path, monkeypatch) -> None:
    """Before: the prognostic tables were read with a plain read, so deleting the sidecar and
    editing a cell turned a stage IA patient into IIIC without a word."""
    import helpers.prognostic as prognostic

    patient = dict(grade=1, her2="positive", er="positive", pr="positive", kind="clinical")
    assert prognostic.prognostic_stage("T1", "N0", "M0", **patient) == "IA"
    data = broken_copy(tmp_path, "prognostic_stage_clinical",
                       lambda t: t.replace(",positive,positive,positive,IA,",
                                           ",positive,positive,positive,IIIC,", 1),
                       update_checksum=False)
    (data / "prognostic_stage_clinical.meta.json").unlink()
    monkeypatch.setattr(prognostic, "DATA_DIR", data)
    prognostic.prognostic_table.cache_clear()
    prognostic._lookup.cache_clear()
    try:
        with pytest.raises(DataFileError, match=r"data/prognostic_stage_clinical.csv has no sidecar"):
            prognostic.prognostic_stage("T1", "N0", "M0", **patient)
    finally:
        prognostic.prognostic_table.cache_clear()
        prognostic._lookup.cache_clear()


def test_reading_a_file_without_a_sidecar_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("stage\nIA\n")
    with pytest.raises(DataFileError, match=r"t.csv has no sidecar t.meta.json"):
        read_csv(path)


def good_sidecar(path: Path) -> dict:
    return {"sha256": file_sha256(path),
            "columns": [{"name": "stage", "type": "string"},
                        {"name": "pct", "type": "number", "unit": "percent"}]}


@pytest.mark.parametrize("sidecar, words", [
    ("[1, 2]", "must be a JSON object"),
    ("{\"sha256\": \"SHA\", \"columns\": [{\"type\": \"string\"}, "
     "{\"name\": \"pct\", \"type\": \"number\"}]}", "column 1 has no name"),
    ("{\"sha256\": \"SHA\", \"sha256\": \"SHA\", \"columns\": [{\"name\": \"stage\", "
     "\"type\": \"string\"}, {\"name\": \"pct\", \"type\": \"number\"}]}",
     "'sha256' is given twice"),
    ("{\"sha256\": \"SHA\", \"columns\": [{\"name\": \"stage\", \"type\": \"string\", "
     "\"type\": \"number\"}, {\"name\": \"pct\", \"type\": \"number\"}]}",
     "'type' is given twice"),
    ("{\"sha256\": \"SHA\", \"columns\": [{\"name\": \"stage\", \"type\": \"string\"}, "
     "{\"name\": \"stage\", \"type\": \"string\"}]}", "'stage' is described twice"),
    ("{\"sha256\": \"SHA\", \"columns\": {\"stage\": \"string\"}}", "columns must be"),
    ("{\"sha256\": \"SHA\", \"columns\": [\"stage\", \"pct\"]}", "column 1 must be an object"),
    ("{\"sha256\": 5, \"columns\": [{\"name\": \"stage\", \"type\": \"string\"}, "
     "{\"name\": \"pct\", \"type\": \"number\", \"max\": \"100\"}]}",
     "max must be a number"),
    ("{\"sha256\": \"SHA\", \"key\": \"stage\", \"columns\": [{\"name\": \"stage\", "
     "\"type\": \"string\"}, {\"name\": \"pct\", \"type\": \"number\"}]}", "key must be a list"),
    ("{\"sha256\": \"SHA\", \"columns\": [{\"name\": \"stage\", \"type\": \"text\"}, "
     "{\"name\": \"pct\", \"type\": \"number\"}]}", "has type 'text'"),
    ("{\"sha256\": \"SHA\", ", "cannot be read"),
], ids=["list", "column-without-name", "duplicate-field", "duplicate-field-in-column",
        "column-twice", "columns-not-list", "column-not-object", "bound-not-number",
        "key-not-list", "unknown-type", "truncated"])
def test_malformed_sidecar_is_a_data_file_error_naming_the_file(tmp_path: Path, sidecar: str,
                                                                words: str) -> None:
    """Before: a list raised AttributeError, a nameless column KeyError, and a field given twice
    passed (JSON keeps the last one)."""
    path = tmp_path / "t.csv"
    path.write_text("stage,pct\nIA,5\n")
    sidecar_path(path).write_text(sidecar.replace("SHA", file_sha256(path)))
    with pytest.raises(DataFileError) as caught:
        read_csv(path)
    assert "the sidecar of" in str(caught.value) and "t.csv" in str(caught.value)
    assert words in str(caught.value)
    sidecar_path(path).write_text(json.dumps(good_sidecar(path)))
    assert read_csv(path)["pct"].tolist() == [5]


def test_every_sidecar_is_well_formed() -> None:
    for path in CSV_FILES:
        assert datafiles.sidecar_problems(read_sidecar(path.stem)) == [], path.name


def test_crlf_line_ends_are_named_as_the_reason_the_checksum_fails(tmp_path: Path) -> None:
    """A Windows checkout turns LF into CRLF: every checksum fails; the error says why."""
    data = broken_copy(tmp_path, "subtype_incidence",
                       lambda t: t.replace("\n", "\r\n").encode("utf-8"), update_checksum=False)
    with pytest.raises(DataFileError) as caught:
        read_table("subtype_incidence", data_dir=data)
    message = str(caught.value)
    assert "data/subtype_incidence.csv" in message and "line ends" in message
    assert "CRLF" in message and "content is unchanged" in message


def test_crlf_with_a_changed_value_is_not_called_a_line_end_problem(tmp_path: Path) -> None:
    data = broken_copy(tmp_path, "subtype_incidence",
                       lambda t: t.replace("69.5", "69.4").replace("\n", "\r\n").encode("utf-8"),
                       update_checksum=False)
    with pytest.raises(DataFileError) as caught:
        read_table("subtype_incidence", data_dir=data)
    assert "line ends" not in str(caught.value)


def test_git_keeps_data_files_lf() -> None:
    """.gitattributes makes git check out data/*.csv with LF line ends on every system."""
    import subprocess

    # The repository's own file: the library may be installed elsewhere (the compatibility
    # environments run these tests against an installed copy, whose data has no .gitattributes).
    repository = Path(__file__).resolve().parents[1]
    lines = (repository / ".gitattributes").read_text().splitlines()
    assert "data/*.csv text eol=lf" in lines
    result = subprocess.run(["git", "check-attr", "eol", "--", "data/seer_survival.csv"],
                            cwd=repository, capture_output=True, text=True)
    if result.returncode == 0:  # a git checkout (a source archive has no git)
        assert result.stdout.strip().endswith("eol: lf")
