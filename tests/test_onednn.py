"""fp32 linear layers by oneDNN: the same numbers as ``nn.Linear``, forward and backward."""

import pytest
import torch

from arapol.inference.onednn import OneDnnLinear, onednn_linear_supported, use_onednn_linears

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


# ---- fp32 training by MKL on AVX2-only CPUs ------------------------------------------------------------------


@pytest.mark.parametrize(("capability", "mkl"), [("AVX2", True), ("AVX512", False), ("DEFAULT", False)])
def test_mkl_trains_faster_only_where_torchs_best_cpu_code_is_avx2(monkeypatch, capability, mkl):
    from arapol.inference import onednn

    monkeypatch.setattr(torch.backends.cpu, "get_cpu_capability", lambda: capability)
    monkeypatch.setattr(torch.backends.mkl, "is_available", lambda: True)
    onednn.mkl_trains_faster.cache_clear()
    try:
        assert onednn.mkl_trains_faster() is mkl
    finally:
        onednn.mkl_trains_faster.cache_clear()
