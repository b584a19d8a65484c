from __future__ import annotations

from typing import NamedTuple

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from duluan.core.extensions import NAV, NAV_SECTIONS, NavEntry, NavSection

from .choices import ROLE_PERMS
from .scope import has_perm, held_roles


class NavLink(NamedTuple):
    label: str
    url_name: str
    badge: int
    url: str = ""
    # "page" on the page itself, "true" on the link above a page it leads to
    # (a matter under "Vấn đề"), "" elsewhere: the value of aria-current.
    current: str = ""
    badge_label: str = ""


class NavGroup(NamedTuple):
    title: str
    links: list[NavLink]


def _shown(entry: NavEntry, user: object) -> bool:
    """Whether the account may open the page and its role uses it (the roles were
    read with the permissions: no query of their own)."""
    if entry.staff and not getattr(user, "is_staff", False):
        return False
    if entry.perm is not None and not has_perm(user, entry.perm):  # type: ignore[arg-type]
        return False
    if getattr(user, "is_superuser", False) or (entry.roles is None and not entry.with_children):
        return True
    roles = held_roles(user, with_children=entry.with_children)  # type: ignore[arg-type]
    if entry.roles is not None:
        roles &= entry.roles
    if entry.perm is not None:
        roles = {role for role in roles if entry.perm in ROLE_PERMS[role]}
    return bool(roles)


def _url(url_name: str) -> str:
    try:
        return reverse(url_name)
    except NoReverseMatch:  # an app's URLs not mounted (a trimmed test project)
        return ""


def nav_for(user: object, path: str) -> tuple[list[NavGroup], list[NavLink]]:
    """The sidebar's groups and the top bar's links this account may open, each
    with its waiting count and whether ``path`` is that page (or lies under it)."""
    entries = [e for e in NAV if _shown(e, user)]
    urls = {e.url_name: _url(e.url_name) for e in entries}
    exact = {name for name, url in urls.items() if url and url == path}
    parent = ""
    if not exact and path != "/":
        under = [url for url in urls.values() if url and url != "/" and path.startswith(url)]
        parent = max(under, key=len, default="")

    def link(entry: NavEntry) -> NavLink:
        url = urls[entry.url_name]
        current = (
            "page" if entry.url_name in exact else ("true" if parent and url == parent else "")
        )
        return NavLink(
            entry.label,
            entry.url_name,
            entry.badge(user) if entry.badge else 0,
            url,
            current,
            entry.badge_label,
        )

    groups = []
    seen: set[str] = set()  # a page offered in two sections (by role) is listed once
    for title in NAV_SECTIONS:
        links = []
        for e in entries:
            if e.section == title and urls[e.url_name] and e.url_name not in seen:
                seen.add(e.url_name)
                links.append(link(e))
        if links:
            groups.append(NavGroup(title, links))
    account = [link(e) for e in entries if e.section == NavSection.ACCOUNT and urls[e.url_name]]
    return groups, account


class _LazyNav:
    """The navigation, worked out when a template first reads it (the admin's pages
    and the JSON answers read none of it, so they pay no count)."""

    def __init__(self, user: object, path: str) -> None:
        self.user, self.path = user, path
        self._built: tuple[list[NavGroup], list[NavLink]] | None = None

    def _get(self) -> tuple[list[NavGroup], list[NavLink]]:
        if self._built is None:
            self._built = nav_for(self.user, self.path)
        return self._built

    def groups(self) -> list[NavGroup]:
        return self._get()[0]

    def account(self) -> list[NavLink]:
        return self._get()[1]


def nav(request: HttpRequest) -> dict[str, object]:
    """What the navigation may offer this account (links to pages it can open)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_groups": [], "nav_account": [], "nav_home_current": False}
    lazy = _LazyNav(user, request.path)
    return {
        # Callables: a template calls them when it reads them, not before.
        "nav_groups": lazy.groups,
        "nav_account": lazy.account,
        "nav_home_current": request.path == reverse("home"),
    }
