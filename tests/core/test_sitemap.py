"""The sitemap lists public pages, published practices and active partners only."""

from mobinnov.network.models import Organisation
from tests.practices.factories import draft, publish, reviewer_from


def test_the_sitemap_holds_only_what_the_public_may_see(
    client, org_a, org_b, coordinator_a, editor
):
    public = publish(
        draft(org_a, coordinator_a, title="Published welding"),
        author=coordinator_a,
        editor=editor,
        reviewers=[editor, reviewer_from(org_b, "r@example.org")],
    )
    hidden = draft(org_a, coordinator_a, title="Hidden draft")
    Organisation.objects.filter(pk=org_b.pk).update(is_active=False)
    xml = client.get("/sitemap.xml").content.decode()
    assert public.get_absolute_url() in xml
    assert hidden.get_absolute_url() not in xml
    assert org_a.get_absolute_url() in xml and org_b.get_absolute_url() not in xml
    assert "/practices/</loc>" in xml


def test_robots_txt_points_to_the_sitemap(client, db):
    text = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text and "Disallow: /accounts/" in text
