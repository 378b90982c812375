"""Client address behind a proxy, and the friendly 500 page."""

from django.test import RequestFactory

from mobinnov.core.net import client_ip_behind_proxy
from mobinnov.core.views import error_500


def test_the_address_is_the_one_the_proxy_appended():
    request = RequestFactory().get(
        "/", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7", REMOTE_ADDR="10.0.0.1"
    )
    assert client_ip_behind_proxy(request) == "203.0.113.7"
    assert client_ip_behind_proxy(RequestFactory().get("/", REMOTE_ADDR="10.0.0.2")) == "10.0.0.2"


def test_the_500_page_is_friendly_and_needs_no_request_context(db):
    response = error_500(RequestFactory().get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong on our side" in html and "Traceback" not in html
