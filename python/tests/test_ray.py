"""Issue 17 item 4: the Ray Data example (read_parquet + map_batches(check_arrow,
batch_format="pyarrow")) on a generated Parquet corpus, on a local Ray with 2 CPUs, finds, as
a set, what ``mtlint check`` finds on the same file.

Needs ray with Ray Data (``pip install "ray[data]"``); skipped with a message when it is not
importable. Set MTLINT_RAY_UNITS to change the corpus size."""

import importlib.util
import os
import sys
from pathlib import Path

import pytest

from corpus import write_parquet
from parity import assert_engine_output_equals_cli, cli_expectation

pytest.importorskip("pyarrow.parquet")
ray = pytest.importorskip("ray", reason='ray is not installed (pip install "ray[data]")')
pytest.importorskip("ray.data", reason='Ray Data is not installed (pip install "ray[data]")')

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "ray" / "check_corpus.py"
UNITS = int(os.environ.get("MTLINT_RAY_UNITS", "200000"))


def load_example():
    # Not `import check_corpus`: the Spark example has that name too.
    spec = importlib.util.spec_from_file_location("mtlint_ray_example", EXAMPLE)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    # The workers cannot import this module by name: ship its functions by value, as they
    # are when the example runs as a script.
    ray.cloudpickle.register_pickle_by_value(module)
    return module


@pytest.fixture(scope="module")
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, object_store_memory=512 * 2**20,
             log_to_driver=False)
    yield
    ray.shutdown()


def test_ray_findings_equal_the_cli_findings(local_ray, tmp_path):
    example = load_example()
    # One file of 8 row groups; Ray cuts it into blocks and batches of 8192 units.
    corpus = write_parquet(tmp_path / "corpus.parquet", UNITS, row_group_size=25_000)
    expected, cli_rows = cli_expectation(corpus, tmp_path, UNITS)

    out = tmp_path / "findings"
    summary = example.check_corpus(str(corpus), str(out), "en", "de", "id", summary=False)
    assert_engine_output_equals_cli(out, summary, expected, cli_rows)
