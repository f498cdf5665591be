"""Atomic output files get the permissions of a normal new file."""

import os

from parkgraph.files import publish, temp_beside


def test_published_file_has_umask_permissions_and_replaces_the_target(tmp_path):
    target = tmp_path / "out" / "g.nq"
    fd, tmp = temp_beside(target, ".nq")
    with os.fdopen(fd, "w") as fh:
        fh.write("x")
    old = os.umask(0o022)
    try:
        publish(tmp, target)
    finally:
        os.umask(old)
    assert target.read_text() == "x"
    assert target.stat().st_mode & 0o777 == 0o644
    assert [p.name for p in target.parent.iterdir()] == ["g.nq"]
