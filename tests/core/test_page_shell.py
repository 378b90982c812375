"""The page shell: security headers, friendly error pages, nothing fetched from elsewhere."""

import re
from pathlib import Path

from django.urls import reverse

import mobinnov


def test_pages_send_a_strict_content_security_policy(client, db):
    response = client.get(reverse("core:home"))
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_missing_page_gets_the_friendly_404(client, db):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert "skip-link" in response.content.decode()


def test_a_forbidden_page_gets_the_friendly_403(as_user, staff_a):
    response = as_user(staff_a).get(reverse("network:application_list"))
    assert response.status_code == 403
    assert "You may not see or do this" in response.content.decode()


def test_the_shell_has_landmarks_a_skip_link_and_a_language_switcher(client, db):
    html = client.get(reverse("core:home")).content.decode()
    for fragment in [
        'href="#main"',
        '<main id="main"',
        "<header",
        "<nav",
        "<footer",
        'for="language-select"',
    ]:
        assert fragment in html


def test_no_template_or_stylesheet_loads_anything_from_another_site():
    root = Path(mobinnov.__file__).parent
    external = re.compile(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", re.I)
    imports = re.compile(r"@import|url\(\s*['\"]?(?:https?:)?//", re.I)
    offenders = []
    for path in [*root.rglob("*.html"), *root.rglob("*.css")]:
        text = path.read_text(encoding="utf-8")
        if external.search(text) or imports.search(text):
            offenders.append(str(path.relative_to(root)))
    assert offenders == []


def test_navigation_follows_the_role(as_user, admin, staff_a):
    assert reverse("network:application_list") in as_user(admin).get("/").content.decode()
    html = as_user(staff_a).get("/").content.decode()
    assert reverse("network:application_list") not in html
    assert reverse("network:join") in as_user(None).get("/").content.decode()
