from typing import Any

from django import template
from django.utils.safestring import SafeString

from mobinnov.core.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str) -> SafeString:
    """``{{ practice.description|markdown }}``: sanitised HTML."""
    return render_markdown(text)


@register.filter(name="get_item")
def get_item(mapping: Any, key: Any) -> Any:
    """``{{ counts|get_item:code }}``: a dictionary value by a variable key."""
    if mapping is None:
        return None
    return mapping.get(key) if hasattr(mapping, "get") else None
