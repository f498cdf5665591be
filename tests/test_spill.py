"""The spill file keeps records by number, also when two threads write and read at once."""

import threading

from parkgraph.build.spill import Spill


def test_spill_gives_back_every_record_by_number():
    with Spill() as spill:
        numbers = [spill.put(f"记录{i}".encode() * i) for i in range(50)]
        assert numbers == list(range(50))
        assert spill.get(7) == "记录7".encode() * 7
        assert spill.get(0) == b""
        assert len(spill) == 50 and spill.size == sum(len(f"记录{i}".encode()) * i for i in range(50))


def test_spill_is_safe_for_a_feeder_thread():
    with Spill() as spill:
        got: dict[int, bytes] = {}

        def writer(tag: str) -> None:
            for i in range(200):
                data = f"{tag}{i}".encode()
                got[spill.put(data)] = data

        threads = [threading.Thread(target=writer, args=(t,)) for t in "ab"]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert len(got) == 400
        assert all(spill.get(n) == data for n, data in got.items())
