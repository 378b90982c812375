"""GET /healthz: the public contract for operators."""

from django.db.backends.base.base import BaseDatabaseWrapper


def test_it_answers_ok_when_the_database_answers(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_it_answers_503_when_the_database_fails(client, db, monkeypatch):
    def broken_cursor(self, *args, **kwargs):
        raise RuntimeError("database is down")

    with monkeypatch.context() as patch:
        patch.setattr(BaseDatabaseWrapper, "cursor", broken_cursor)
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] != "ok"
