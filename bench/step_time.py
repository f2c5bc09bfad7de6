"""adamlib's Adam step against PyTorch's and against the memory-bandwidth floor (a measurement).

    python3 tasks.py bench --only steps      (or: .venv/bin/python bench/step_time.py)

For n = 1e2, 1e4 and 1e6 float32 parameters in one array, the median wall time of one step of
- adamlib.Adam().step(params, grads, state), which returns new arrays (it is pure), checks its
  input and keeps the state as the book names it;
- torch.optim.Adam on the same tensors: its default single-tensor path (foreach=False, what
  the CPU uses by default) and fused=True — both update in place. PyTorch is optional: without
  it the table says so.
- for reference, not adamlib: the same step written as numpy at its fastest — in place, each
  term fused by hand into a preallocated buffer, block by block — to show how much of the gap
  to PyTorch is numpy's lack of fused operations (PyTorch's lerp_, addcmul_, addcdiv_) rather
  than adamlib's pure, rule-by-rule design;
- the floor: an Adam step must read p, g, m, v and write p, m, v, 7·4·n bytes; divided by the
  copy bandwidth measured here (np.copyto over 64 MB: 2 bytes moved per byte copied).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import adamlib  # noqa: E402

SIZES = (100, 10_000, 1_000_000)


def median_seconds(step, budget: float = 0.5, min_reps: int = 5) -> float:
    """Median of repeated calls, after a warm-up, for about ``budget`` seconds."""
    step()
    times = []
    deadline = time.perf_counter() + budget
    while len(times) < min_reps or time.perf_counter() < deadline:
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def copy_bandwidth() -> float:
    """Bytes per second moved by a large copy (each byte read once and written once)."""
    src = np.ones(16_000_000, dtype=np.float32)
    dst = np.empty_like(src)
    seconds = median_seconds(lambda: np.copyto(dst, src), budget=1.0)
    return 2 * src.nbytes / seconds


def adamlib_step(n: int):
    rng = np.random.default_rng(0)
    params = rng.standard_normal(n).astype(np.float32)
    grads = rng.standard_normal(n).astype(np.float32)
    opt = adamlib.Adam(lr=1e-3)
    state = opt.step(params, grads, opt.init(params))[1]  # t = 1: past the first step
    return lambda: opt.step(params, grads, state)


def numpy_in_place_step(n: int):
    """Adam's step as PyTorch's single-tensor path orders it, in numpy, in place, in blocks."""
    rng = np.random.default_rng(0)
    p, g = (rng.standard_normal(n).astype(np.float32) for _ in range(2))
    m, v = np.zeros_like(p), np.zeros_like(p)
    block = adamlib._engine.BLOCK
    tmp, tmp2 = np.empty(min(n, block), np.float32), np.empty(min(n, block), np.float32)
    beta1, beta2, eps, lr, t = 0.9, 0.999, 1e-8, 1e-3, 2

    def step():
        for start in range(0, n, block):
            b = slice(start, start + block)
            pb, gb, mb, vb = p[b], g[b], m[b], v[b]
            k = len(pb)
            d, u = tmp[:k], tmp2[:k]
            mb *= beta1
            np.multiply(gb, 1 - beta1, out=d)
            mb += d
            vb *= beta2
            np.multiply(gb, gb, out=d)
            d *= 1 - beta2
            vb += d
            np.sqrt(vb, out=d)
            d /= np.sqrt(1 - beta2**t)
            d += eps
            np.divide(mb, d, out=u)
            u *= lr / (1 - beta1**t)
            pb -= u

    return step


def torch_step(n: int, fused: bool):
    import torch

    torch.manual_seed(0)
    p = torch.nn.Parameter(torch.randn(n, dtype=torch.float32))
    p.grad = torch.randn(n, dtype=torch.float32)
    opt = torch.optim.Adam([p], lr=1e-3, **({"fused": True} if fused else {"foreach": False}))
    opt.step()
    return opt.step


def measure() -> list[tuple]:
    """Rows (what, value, target, ok) for the benchmark's table."""
    try:
        import torch

        torch.set_num_threads(1)  # numpy's elementwise ops use one core; compare like with like
        have_torch = True
    except ImportError:
        have_torch = False
    bandwidth = copy_bandwidth()
    rows = [("copy bandwidth (np.copyto, 64 MB)", f"{bandwidth / 1e9:.1f} GB/s", "", None)]
    for n in SIZES:
        ours = median_seconds(adamlib_step(n))
        floor = 7 * 4 * n / bandwidth
        rows.append((f"Adam step, n = {n:.0e}: adamlib", f"{ours * 1e6:.1f} us",
                     f"floor {floor * 1e6:.1f} us", None))
        rows.append((f"Adam step, n = {n:.0e}: numpy in place, fused by hand (reference)",
                     f"{median_seconds(numpy_in_place_step(n)) * 1e6:.1f} us", "", None))
        if not have_torch:
            rows.append((f"Adam step, n = {n:.0e}: torch", "torch not installed", "", None))
            continue
        single = median_seconds(torch_step(n, fused=False))
        fused = median_seconds(torch_step(n, fused=True))
        rows.append((f"Adam step, n = {n:.0e}: torch single-tensor / fused",
                     f"{single * 1e6:.1f} / {fused * 1e6:.1f} us", "", None))
        ratio = ours / single
        if n == SIZES[0]:
            rows.append((f"adamlib / torch single-tensor, n = {n:.0e}", f"{ratio:.2f}x", "< 1x", ratio < 1))
        elif n == SIZES[-1]:
            rows.append((f"adamlib / torch single-tensor, n = {n:.0e}", f"{ratio:.2f}x", "<= 1.5x",
                         ratio <= 1.5))
        else:
            rows.append((f"adamlib / torch single-tensor, n = {n:.0e}", f"{ratio:.2f}x", "", None))
        rows.append((f"adamlib / floor, n = {n:.0e}", f"{ours / floor:.1f}x", "", None))
    return rows


if __name__ == "__main__":
    for what, value, target, ok in measure():
        print(f"{what:<48} {value:<22} {target:<12} {'' if ok is None else ('ok' if ok else 'MISSED')}")
