"""Random streams: numpy draws a batch, the engine takes one float at a time with `next()`.

Each stream has its own `numpy.random.Generator`, seeded from (seed, replication, a stable hash
of the purpose and element id). So a task's durations do not depend on which other tasks exist
or in which order events happen: two scenarios run with the same seed see the same arrivals and
the same draws for the steps they share (common random numbers, a fairer comparison).
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Iterator
from itertools import chain, repeat

import numpy as np
import numpy.typing as npt

from bpo_desktop.core.simulation.params import DistKind, Distribution

FIRST_BATCH = 256
MAX_BATCH = 65536
MAX_REJECTION_ROUNDS = 100

FloatArray = npt.NDArray[np.float64]


def generator(seed: int, replication: int, purpose: str) -> np.random.Generator:
    """The generator of one stream; `purpose` is e.g. 'duration:Activity_1'."""
    key = zlib.crc32(purpose.encode("utf-8"))
    sequence = np.random.SeedSequence(seed, spawn_key=(replication, key))
    return np.random.Generator(np.random.PCG64(sequence))


def draw(dist: Distribution, rng: np.random.Generator, size: int) -> FloatArray:
    """`size` samples within [minimum, maximum], redrawing those outside (as Prosimos does)."""
    out = _raw(dist, rng, size)
    if dist.kind is DistKind.FIXED or dist.kind is DistKind.EMPIRICAL:
        return out
    keep = (out >= dist.minimum) & (out <= dist.maximum)
    if keep.all():
        return out
    accepted = [out[keep]]
    have = int(keep.sum())
    for _ in range(MAX_REJECTION_ROUNDS):
        if have >= size:
            break
        more = _raw(dist, rng, size)
        more = more[(more >= dist.minimum) & (more <= dist.maximum)]
        accepted.append(more)
        have += more.size
    if have < size:
        raise ValueError(
            f"{dist.describe()} almost never falls within "
            f"[{dist.minimum:g}, {dist.maximum:g}] s; widen the limits"
        )
    return np.concatenate(accepted)[:size]


def stream(dist: Distribution, rng: np.random.Generator) -> Iterator[float]:
    """An endless iterator of samples, drawn in growing batches."""
    if dist.kind is DistKind.FIXED:
        return repeat(float(dist.params[0]))
    return chain.from_iterable(_batches(dist, rng))


def _batches(dist: Distribution, rng: np.random.Generator) -> Iterator[list[float]]:
    size = FIRST_BATCH
    while True:
        yield draw(dist, rng, size).tolist()
        size = min(size * 2, MAX_BATCH)


def choice_stream(probabilities: tuple[float, ...], rng: np.random.Generator) -> Iterator[int]:
    """Endless branch indices drawn with the given probabilities (which sum to 1)."""
    cumulative = np.cumsum(np.array(probabilities, dtype=np.float64))
    last = len(probabilities) - 1

    def batches() -> Iterator[list[int]]:
        size = FIRST_BATCH
        while True:
            picks = np.searchsorted(cumulative, rng.random(size) * cumulative[-1], side="right")
            yield np.minimum(picks, last).tolist()
            size = min(size * 2, MAX_BATCH)

    return chain.from_iterable(batches())


def uniform_stream(rng: np.random.Generator) -> Iterator[float]:
    """Endless uniform numbers in [0, 1)."""

    def batches() -> Iterator[list[float]]:
        size = FIRST_BATCH
        while True:
            yield rng.random(size).tolist()
            size = min(size * 2, MAX_BATCH)

    return chain.from_iterable(batches())


def _raw(dist: Distribution, rng: np.random.Generator, size: int) -> FloatArray:
    p = dist.params
    kind = dist.kind
    if kind is DistKind.FIXED:
        return np.full(size, p[0])
    if kind is DistKind.UNIFORM:
        return rng.uniform(p[0], p[1], size)
    if kind is DistKind.TRIANGULAR:
        if p[0] == p[2]:
            return np.full(size, p[0])
        return rng.triangular(p[0], p[1], p[2], size)
    if kind is DistKind.NORMAL:
        return rng.normal(p[0], p[1], size)
    if kind is DistKind.EXPONENTIAL:
        return p[1] + rng.exponential(p[0], size)
    if kind is DistKind.LOGNORMAL:
        return _lognormal(rng, p[0], p[1], size)
    if kind is DistKind.GAMMA:
        if p[1] == 0:
            return np.full(size, p[0])
        variance = p[1] * p[1]
        return rng.gamma(p[0] * p[0] / variance, variance / p[0], size)
    return _empirical(dist, rng, size)


def _lognormal(rng: np.random.Generator, mean: float, sd: float, size: int) -> FloatArray:
    """Log-normal with the given mean and sd of the value (the pix-framework/Prosimos rule)."""
    if sd == 0:
        return np.full(size, mean)
    phi = math.sqrt(sd * sd + mean * mean)
    mu = math.log(mean * mean / phi)
    sigma = math.sqrt(math.log(phi * phi / (mean * mean)))
    return rng.lognormal(mu, sigma, size)


def _empirical(dist: Distribution, rng: np.random.Generator, size: int) -> FloatArray:
    values = np.array(dist.values, dtype=np.float64)
    if not dist.weights:
        return values[rng.integers(0, values.size, size)]
    weights = np.array(dist.weights, dtype=np.float64)
    return rng.choice(values, size=size, p=weights / weights.sum())
