"""Workers start warm: loading the WSGI application loads what the apps would otherwise load on first use."""

import os
import subprocess
import sys
from pathlib import Path


def test_loading_the_wsgi_application_loads_the_segmenter_dictionary():
    check = "import jieba; assert not jieba.dt.initialized; import portal.wsgi; assert jieba.dt.initialized"
    result = subprocess.run(
        [sys.executable, "-c", check],
        cwd=Path(__file__).resolve().parents[2],
        env={**os.environ, "DJANGO_DEBUG": "1"},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
