"""Sample content and builders: the fixtures of PRODUCT.md §4 as real processes."""

from bpo_desktop.core.samples.builder import ProcessBuilder, counter_ids
from bpo_desktop.core.samples.fixtures import (
    CONTRACTS,
    ONBOARDING,
    ONBOARDING_REWORK,
    add_contracts,
    add_onboarding,
    add_onboarding_rework,
    sample_workspace,
)

__all__ = [
    "CONTRACTS",
    "ONBOARDING",
    "ONBOARDING_REWORK",
    "ProcessBuilder",
    "add_contracts",
    "add_onboarding",
    "add_onboarding_rework",
    "counter_ids",
    "sample_workspace",
]
