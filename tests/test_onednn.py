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


@pytest.mark.parametrize(("capability", "vendor", "mkl"), [
    ("AVX2", "AuthenticAMD", True), ("AVX512", "AuthenticAMD", False), ("DEFAULT", "AuthenticAMD", False),
    ("AVX2", "GenuineIntel", True), ("AVX512", "GenuineIntel", True), ("AVX512", "", False)])
def test_mkl_trains_faster_where_torchs_best_cpu_code_is_avx2_or_the_cpu_is_intel(monkeypatch, capability, vendor,
                                                                                   mkl):
    """MKL takes its AVX-512 path on Intel CPUs only: there it trained 1.21× oneDNN's speed (a Xeon with AMX)."""
    from arapol.inference import onednn

    monkeypatch.setattr(torch.backends.cpu, "get_cpu_capability", lambda: capability)
    monkeypatch.setattr(onednn, "cpu_vendor", lambda: vendor)
    monkeypatch.setattr(torch.backends.mkl, "is_available", lambda: True)
    onednn.mkl_trains_faster.cache_clear()
    try:
        assert onednn.mkl_trains_faster() is mkl
    finally:
        onednn.mkl_trains_faster.cache_clear()


def test_cpuinfo_reads_the_first_processor_s_flags_and_vendor(monkeypatch):
    import io

    from arapol.inference import cpuinfo

    text = ("processor\t: 0\nvendor_id\t: GenuineIntel\nflags\t\t: fpu avx512f amx_bf16\n\n"
            "processor\t: 1\nvendor_id\t: Other\nflags\t\t: fpu\n")
    monkeypatch.setattr(cpuinfo, "open", lambda *a, **k: io.StringIO(text), raising=False)
    cpuinfo.first_processor.cache_clear()
    try:
        assert cpuinfo.cpu_vendor() == "GenuineIntel"
        assert cpuinfo.cpu_flags() == {"fpu", "avx512f", "amx_bf16"}
    finally:
        cpuinfo.first_processor.cache_clear()
