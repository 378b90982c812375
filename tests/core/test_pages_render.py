"""Every public page answers and renders its one h1, in English and in French."""

import pytest
from django.urls import reverse

PUBLIC_PAGES = [
    "core:home",
    "network:partner_list",
    "network:join",
    "excellence:framework",
    "excellence:definitions",
    "accounts:login",
    "accounts:password_reset",
]


@pytest.mark.parametrize("name", PUBLIC_PAGES)
@pytest.mark.parametrize("language", ["en", "fr"])
def test_public_page_renders_with_one_h1(client, org_a, name, language):
    client.cookies["mobinnov_language"] = language
    response = client.get(reverse(name))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert f'<html lang="{language}">' in html


def test_partner_profile_renders(client, org_a):
    response = client.get(org_a.get_absolute_url())
    assert response.status_code == 200
    assert "Lycée professionnel Alpha" in response.content.decode()
