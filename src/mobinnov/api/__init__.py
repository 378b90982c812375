"""The public read API (/api/v1/): published practices as JSON, with an
OpenAPI 3 schema and interactive documentation. Not a Django app: it only
reads through ``mobinnov.practices.selectors``."""
