"""The wire-format patch wires a length input into every RNN node, and refuses models without one."""

from __future__ import annotations

import pytest

from parkgraph.models.onnx_patch import _field, _fields, _varint, wire_sequence_lengths


def node(op: bytes, inputs: list[bytes], outputs: list[bytes]) -> bytes:
    return b"".join([_field(1, i) for i in inputs] + [_field(2, o) for o in outputs] + [_field(4, op)])


def model(*nodes: bytes) -> bytes:
    graph = b"".join(_field(1, n) for n in nodes) + _field(2, b"g")
    return _varint(1 << 3) + _varint(8) + _field(7, graph) + _field(8, b"\x08\x0b")


def parsed_nodes(data: bytes) -> list[tuple[bytes, list[bytes]]]:
    graph = next(p for n, _, p in _fields(memoryview(data)) if n == 7)
    out = []
    for number, _, payload in _fields(graph):
        if number == 1:
            fields = _fields(payload)
            op = next(bytes(p) for n, _, p in fields if n == 4)
            out.append((op, [bytes(p) for n, _, p in fields if n == 1]))
    return out


def test_gru_nodes_read_the_cast_lengths():
    data = model(node(b"Gather", [b"emb", b"ids"], [b"x"]),
                 node(b"GRU", [b"x", b"W", b"R", b"B", b"", b"h0"], [b"y", b"yh"]),
                 node(b"LSTM", [b"y", b"W2", b"R2"], [b"z"]))
    nodes = parsed_nodes(wire_sequence_lengths(data, "length"))
    assert [op for op, _ in nodes] == [b"Gather", b"Cast", b"GRU", b"LSTM"]
    lens = b"parkgraph/length_int32"
    assert nodes[1][1] == [b"length"]
    assert nodes[2][1] == [b"x", b"W", b"R", b"B", lens, b"h0"]
    assert nodes[3][1] == [b"y", b"W2", b"R2", b"", lens]


def test_other_fields_are_kept_byte_for_byte():
    data = model(node(b"GRU", [b"x", b"W", b"R"], [b"y"]))
    out = wire_sequence_lengths(data)
    assert out.startswith(_varint(1 << 3) + _varint(8)) and out.endswith(_field(8, b"\x08\x0b"))


def test_models_without_an_unwired_rnn_are_refused():
    with pytest.raises(ValueError):
        wire_sequence_lengths(model(node(b"Gather", [b"emb", b"ids"], [b"x"])))
    with pytest.raises(ValueError):
        wire_sequence_lengths(model(node(b"GRU", [b"x", b"W", b"R", b"B", b"lens"], [b"y"])))
