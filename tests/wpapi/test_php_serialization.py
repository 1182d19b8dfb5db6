"""PHP's serialize() format, as WordPress stores arrays in options and meta."""

import pytest

from wpapi import php


def test_arrays_read_as_json_would_show_them():
    assert php.unserialize('a:2:{i:0;s:1:"a";i:1;s:1:"b";}') == ["a", "b"]
    assert php.unserialize('a:2:{s:5:"width";i:5;s:4:"tags";a:0:{}}') == {"width": 5, "tags": []}
    assert php.unserialize("a:1:{i:3;b:1;}") == {"3": True}
    assert php.unserialize('O:8:"stdClass":1:{s:1:"x";d:1.5;}') == {"x": 1.5}
    assert php.unserialize('s:6:"日本";') == "日本"  # lengths count bytes


def test_serialize_writes_what_php_reads_back():
    value = {"width": 800, "sizes": {"thumbnail": {"file": "a-150x150.png"}}, "keywords": []}
    text = php.serialize(value)
    assert text.startswith('a:3:{s:5:"width";i:800;')
    assert php.unserialize(text) == value


@pytest.mark.parametrize(
    ("text", "serialized"),
    [("a:0:{}", True), ("b:1;", True), ("N;", True), ("hello", False), ("a:1:{", False)],
)
def test_is_serialized(text, serialized):
    assert php.is_serialized(text) is serialized


def test_broken_serializations_read_as_false():
    assert php.maybe_unserialize('a:2:{i:0;s:9:"short";}') is False
    assert php.maybe_unserialize("plain text") == "plain text"
