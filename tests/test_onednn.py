"""fp32 linear layers by oneDNN: the same numbers as ``nn.Linear``, forward and backward."""

import pytest
import torch

from arapol.inference.onednn import (
    BlockedLinear,
    OneDnnLinear,
    onednn_linear_supported,
    use_blocked_linears,
    use_onednn_linears,
)

pytestmark = pytest.mark.skipif(not onednn_linear_supported(), reason="this torch build has no oneDNN linear")


@pytest.mark.parametrize("bias", [True, False])
def test_gradients_match_nn_linear(bias):
    torch.manual_seed(0)
    plain = torch.nn.Linear(48, 20, bias=bias)
    fast = OneDnnLinear(torch.nn.Linear(48, 20, bias=bias))
    fast.load_state_dict(plain.state_dict())
    x = torch.randn(3, 7, 48)
    xa, xb = x.clone().requires_grad_(), x.clone().requires_grad_()
    ya, yb = plain(xa), fast(xb)
    torch.testing.assert_close(yb, ya, atol=1e-5, rtol=1e-5)
    weights = torch.randn_like(ya)
    (ya * weights).sum().backward()
    (yb * weights).sum().backward()
    torch.testing.assert_close(xb.grad, xa.grad, atol=1e-5, rtol=1e-5)
    torch.testing.assert_close(fast.weight.grad, plain.weight.grad, atol=1e-5, rtol=1e-5)
    if bias:
        torch.testing.assert_close(fast.bias.grad, plain.bias.grad, atol=1e-5, rtol=1e-5)


def test_a_model_keeps_its_parameters_and_state_dict_keys():
    model = torch.nn.Sequential(torch.nn.Linear(8, 8), torch.nn.ReLU(), torch.nn.Linear(8, 2))
    before = {k: v.clone() for k, v in model.state_dict().items()}
    params = {id(p) for p in model.parameters()}
    use_onednn_linears(model)
    assert [type(m) for m in model] == [OneDnnLinear, torch.nn.ReLU, OneDnnLinear]
    assert {id(p) for p in model.parameters()} == params  # an optimizer built before or after sees the same tensors
    assert model.state_dict().keys() == before.keys()
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    model(torch.randn(4, 8)).sum().backward()
    opt.step()
    assert any(not torch.equal(before[k], v) for k, v in model.state_dict().items())  # it trains


def test_a_trainable_bias_gets_its_gradient_under_a_frozen_weight():
    lin = torch.nn.Linear(8, 3)
    lin.weight.requires_grad_(False)
    fast = OneDnnLinear(lin)
    fast(torch.randn(5, 8)).sum().backward()
    torch.testing.assert_close(lin.bias.grad, torch.full((3,), 5.0))


# ---- fp32 inference by MKL on whole blocks of rows (AVX2-only CPUs) ---------------------------------------------


@pytest.fixture()
def layer():
    torch.manual_seed(0)
    return torch.nn.Linear(96, 80)


def test_blocked_linear_gives_nn_linears_numbers_and_keeps_its_parameters(layer):
    model = torch.nn.Sequential(layer, torch.nn.ReLU())
    keys, params = model.state_dict().keys(), {id(p) for p in model.parameters()}
    use_blocked_linears(model)
    assert isinstance(model[0], BlockedLinear)
    assert model.state_dict().keys() == keys and {id(p) for p in model.parameters()} == params
    x = torch.randn(3, 5, 96)
    with torch.inference_mode():
        torch.testing.assert_close(model[0](x), torch.nn.functional.linear(x, layer.weight, layer.bias))
        assert model[0](torch.zeros(0, 96)).shape == (0, 80)


@pytest.mark.parametrize("threads", [1, 2])
@pytest.mark.parametrize("mkl_independent", [True, False])
def test_a_rows_results_do_not_depend_on_the_rows_multiplied_with_it(layer, monkeypatch, threads, mkl_independent):
    """MKL takes other kernels for a few rows (under 4 with one thread here, some counts under 12 with two), with
    other sums; whole blocks of rows avoid them, and oneDNN runs the calls where the probe finds MKL's sums move."""
    from arapol.inference import onednn

    calls = []
    monkeypatch.setattr(onednn, "mkl_rows_independent", lambda n: calls.append(n) or mkl_independent)
    if not mkl_independent:
        monkeypatch.setattr(torch.nn.functional, "linear", lambda *a: pytest.fail("MKL ran"))
    blocked = BlockedLinear(layer)
    before = torch.get_num_threads()
    torch.set_num_threads(threads)
    try:
        x = torch.randn(300, 96)
        with torch.inference_mode():
            full = blocked(x)
            for rows in (*range(1, 40), 63, 64, 65, 129, 255):
                assert torch.equal(blocked(x[:rows]), full[:rows]), rows
                assert torch.equal(blocked(x[-rows:]), full[-rows:]), rows
    finally:
        torch.set_num_threads(before)
    assert set(calls) == {threads}  # the probe is asked about the thread count of the call


def test_the_probe_finds_sums_that_move_with_the_row_count(monkeypatch):
    from arapol.inference import onednn

    probe = onednn.mkl_rows_independent.__wrapped__  # past the cache
    assert probe(1) is True  # torch's F.linear on whole blocks of rows, as this machine runs it
    linear = torch.nn.functional.linear
    monkeypatch.setattr(torch.nn.functional, "linear",
                        lambda x, w, b: linear(x, w, b) + (1e-6 if x.shape[0] < 500 else 0.0))
    assert probe(1) is False


@pytest.mark.parametrize(("capability", "mkl"), [("AVX2", True), ("AVX512", False), ("DEFAULT", False)])
def test_mkl_is_preferred_only_where_torchs_best_cpu_code_is_avx2(monkeypatch, capability, mkl):
    from arapol.inference import onednn

    monkeypatch.setattr(torch.backends.cpu, "get_cpu_capability", lambda: capability)
    monkeypatch.setattr(torch.backends.mkl, "is_available", lambda: True)
    onednn.mkl_preferred.cache_clear()
    try:
        assert onednn.mkl_preferred() is mkl
    finally:
        onednn.mkl_preferred.cache_clear()
