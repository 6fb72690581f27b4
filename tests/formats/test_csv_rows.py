from __future__ import annotations

from datetime import time

import pytest

from kithkin.core.imports import ImportIssue
from kithkin.errors import InvalidInput
from kithkin.formats.csv_rows import (
    CsvTable,
    clean,
    clean_label,
    clean_lines,
    parse_us_date,
    split_values,
)


def table(text: str) -> CsvTable:
    return CsvTable(
        text, file="people.csv", headers=[("Name", "City")], expected="the columns Name and City"
    )


def rows(text: str) -> tuple[list[tuple[int, dict[str, str]]], list[ImportIssue]]:
    problems: list[ImportIssue] = []
    return list(table(text).rows(problems)), problems


def test_the_header_is_found_below_a_preamble_by_the_columns_it_holds() -> None:
    text = 'Notes:\n"Some text, with a comma"\n\nName,City\nAna,Madrid\n'
    found = table(text)
    assert found.line == 4
    assert list(found.rows([])) == [(5, {"Name": "Ana", "City": "Madrid"})]


def test_a_record_starts_on_the_physical_line_even_after_fields_spanning_lines() -> None:
    text = 'Name,City\r\n"Ana\r\nRuiz",Madrid\r\n\r\nBen,"Lagos\nIkeja\rLekki"\nCleo,Oslo'
    found, problems = rows(text)
    assert [line for line, _ in found] == [2, 5, 8]
    assert found[1][1]["City"] == "Lagos\nIkeja\rLekki"
    assert problems == []


def test_column_names_are_matched_whatever_their_case_spacing_or_byte_order_mark() -> None:
    found = table("\ufeff name ,CITY,  Extra   Column \nAna,Madrid,x\n")
    assert found.columns == ("Name", "City", "Extra Column")
    assert found.has("City")


def test_a_record_with_the_wrong_number_of_fields_is_a_problem_on_its_line() -> None:
    found, problems = rows("Name,City\nAna\nBen,Lagos,extra\nCleo,Oslo,,\n")
    assert found == [(4, {"Name": "Cleo", "City": "Oslo"})]  # empty extra fields: tolerated
    assert [(problem.line, problem.field) for problem in problems] == [(2, ""), (3, "")]
    assert "has 1 fields but the header has 2 columns" in problems[0].message


def test_blank_records_are_passed_over() -> None:
    found, problems = rows("Name,City\n\n,\n  ,  \nAna,Madrid\n")
    assert found == [(5, {"Name": "Ana", "City": "Madrid"})]
    assert problems == []


def test_a_file_without_the_header_says_which_columns_were_expected() -> None:
    with pytest.raises(InvalidInput) as error:
        table("Vorname,Stadt\nAna,Madrid\n")
    assert error.value.file == "people.csv"
    assert "expected the columns Name and City" in str(error.value)


def test_a_field_too_large_for_csv_is_an_invalid_input_with_its_line() -> None:
    found = table("Name,City\nAna,Madrid\n" + '"' + "x" * 200_000 + '",Oslo\n')
    with pytest.raises(InvalidInput) as error:
        list(found.rows([]))
    assert error.value.line == 3


def test_text_is_trimmed_and_single_spaced_but_notes_keep_their_lines() -> None:
    assert clean("  Ana \t  María\nRuiz ") == "Ana María Ruiz"
    assert clean_lines("\n  first   line \r\n\n\n\nsecond\n\n") == "first line\n\nsecond"


@pytest.mark.parametrize(
    ("cell", "values"),
    [
        ("a@example.com ::: b@example.com", ["a@example.com", "b@example.com"]),
        ("  one  ", ["one"]),
        (" ::: ", []),
        ("", []),
    ],
)
def test_googles_several_values_in_one_cell_are_split(cell: str, values: list[str]) -> None:
    assert split_values(cell) == values


def test_a_label_loses_its_system_star_and_its_case() -> None:
    assert clean_label("* Mobile") == "mobile"
    assert clean_label(" Home  Page ") == "home page"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1/8/18, 6:14 PM", (18, 1, 8, time(18, 14))),
        ("10/9/24, 12:05 AM", (24, 10, 9, time(0, 5))),
        ("12/31/2017 11:59:30 pm", (2017, 12, 31, time(23, 59, 30))),
        ("4/12/1985", (1985, 4, 12, None)),
        ("0/0/00", (0, 0, 0, None)),
        ("1/8/18, 13:14 PM", None),
        ("1/8/18, 25:00", None),
        ("2018-01-08", None),
        ("٣/٣/٢٠٢٠", None),  # digits of other scripts are not dates in an export
    ],
)
def test_us_dates_are_read_as_month_day_year(
    text: str, expected: tuple[int, int, int, time | None] | None
) -> None:
    assert parse_us_date(text) == expected
