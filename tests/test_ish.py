"""The ISH counting simulator: reproducible fields, counts that give the right ratio, copies and
group, and errors that name the field at fault."""

from __future__ import annotations

import pytest

from helpers.ish import MIN_NUCLEI, count_result, fair_count, simulate_field


def test_same_seed_same_field_and_different_seed_differs():
    assert simulate_field(2.5, 6.0, seed=3) == simulate_field(2.5, 6.0, seed=3)
    assert simulate_field(2.5, 6.0, seed=3) != simulate_field(2.5, 6.0, seed=4)


def test_every_signal_lies_inside_its_nucleus_and_every_nucleus_has_cep17():
    field = simulate_field(1.5, 5.0, n_nuclei=40, seed=1)
    assert len(field.nuclei) == 40
    for nu in field.nuclei:
        assert len(nu.cep17) >= 1
        for x, y in nu.her2 + nu.cep17:
            assert (x - nu.x) ** 2 + (y - nu.y) ** 2 <= nu.radius ** 2


@pytest.mark.parametrize("ratio, copies", [(4.0, 10.0), (1.2, 2.5), (1.5, 8.0)])
def test_a_fair_count_of_many_nuclei_lands_near_the_truth(ratio, copies):
    field = simulate_field(ratio, copies, n_nuclei=60, seed=7)
    result = count_result(fair_count(field, 60), field=field)
    assert abs(result.copies_error) < 0.25 * copies
    assert abs(result.ratio_error) < 0.35 * ratio


def test_hand_counts_give_ratio_copies_and_group():
    # 20 nuclei with 5 HER2 and 2 CEP17 each: ratio 2.5, 5.0 copies -> group 1, positive.
    result = count_result([(5, 2)] * 20, ihc="2+")
    assert (result.her2_total, result.cep17_total) == (100, 40)
    assert result.ratio == pytest.approx(2.5) and result.mean_copies == pytest.approx(5.0)
    assert result.group == 1 and result.her2.status == "positive"
    # 20 nuclei with 3 HER2 and 2 CEP17: ratio 1.5, 3.0 copies -> group 5, negative, HER2-low.
    low = count_result([(3, 2)] * 20, ihc="2+")
    assert low.group == 5 and low.her2.status == "negative" and low.her2.expression == "low"


def test_the_error_is_counted_minus_true():
    field = simulate_field(2.0, 4.0, seed=0)
    result = count_result([(6, 2)] * 20, field=field)
    assert result.ratio_error == pytest.approx(3.0 - 2.0)
    assert result.copies_error == pytest.approx(6.0 - 4.0)
    assert result.true_group == 1


@pytest.mark.parametrize("call, field", [
    (lambda: simulate_field(0.2, 5.0), "true_ratio"),
    (lambda: simulate_field(2.0, float("nan")), "true_copies"),
    (lambda: simulate_field(2.0, 5.0, n_nuclei=10), "n_nuclei"),
    (lambda: count_result([(3, 2)] * (MIN_NUCLEI - 1)), "counts"),
    (lambda: count_result([(3, 2)] * 19 + [(-1, 2)]), "HER2 count of nucleus 20"),
    (lambda: count_result([(3, 2)] * 19 + [(3, 2.5)]), "CEP17 count of nucleus 20"),
    (lambda: count_result([(3, 0)] * 20), "The CEP17 signals must add up"),
    (lambda: count_result([(3, 2)] * 20, ihc="4+"), "ihc"),
])
def test_bad_input_names_the_field(call, field):
    with pytest.raises(ValueError, match=field):
        call()
