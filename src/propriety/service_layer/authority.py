"""An authority's configuration (organisation and profile) as the web app and API use it.

The organisation and profile are kept as the same YAML a Monitoring Officer edits, stored
with the authority, and parsed once per version.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

from propriety.adapters.orgfile import parse_organisation
from propriety.adapters.profilefile import parse_profile
from propriety.adapters.store import SqlUnitOfWork
from propriety.adapters.store.accounts import AuthorityConfig
from propriety.domain.organisation import Organisation
from propriety.domain.profile import Profile


class UnknownAuthority(LookupError):
    """No configuration is stored for this authority."""


@dataclass(frozen=True)
class AuthorityContext:
    """What every use case for one authority needs: its people and posts, and its profile."""

    authority: str
    name: str
    org: Organisation
    profile: Profile


@lru_cache(maxsize=64)
def _parse(authority: str, updated_at: str, org_yaml: str, profile_yaml: str, name: str) -> AuthorityContext:
    org = parse_organisation(org_yaml, f"{authority}:organisation")
    profile = parse_profile(profile_yaml, f"{authority}:profile")
    return AuthorityContext(authority, name, org, profile)


def load_context(uow: SqlUnitOfWork, authority: str) -> AuthorityContext:
    config = uow.accounts.config(authority)
    if config is None:
        raise UnknownAuthority(authority)
    return _parse(config.authority, config.updated_at, config.organisation_yaml, config.profile_yaml, config.name)


def install_authority(uow: SqlUnitOfWork, organisation_file: Path, profile_file: Path) -> AuthorityContext:
    """Validate and store an authority's organisation and profile (both parsed first: nothing half-written)."""
    org_yaml = organisation_file.read_text("utf-8")
    profile_yaml = profile_file.read_text("utf-8")
    org = parse_organisation(org_yaml, str(organisation_file))
    profile = parse_profile(profile_yaml, str(profile_file))
    name = profile.name or org.authority.name
    uow.accounts.save_config(
        AuthorityConfig(profile.authority, name, org_yaml, profile_yaml, datetime.now(UTC).isoformat())
    )
    return AuthorityContext(profile.authority, name, org, profile)
