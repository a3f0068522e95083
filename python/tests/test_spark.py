"""Issue 17 item 3: the Spark example (mapInArrow + check_arrow) on a generated 200k-unit
Parquet corpus in local[2] finds, as a set, what ``mtlint check`` finds on the same file.

Needs pyspark (PyPI) and a Java 17+ runtime; skipped with a message when either is missing.
Set MTLINT_SPARK_UNITS to change the corpus size."""

import os
import shutil
import sys
from pathlib import Path

import pytest

from corpus import write_parquet
from parity import assert_engine_output_equals_cli, cli_expectation

pytest.importorskip("pyarrow.parquet")
pyspark = pytest.importorskip("pyspark", reason="pyspark is not installed (pip install pyspark)")
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip("no Java runtime: Spark needs Java 17+ (apt-get install default-jre-headless)",
                allow_module_level=True)

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "spark" / "check_corpus.py"
UNITS = int(os.environ.get("MTLINT_SPARK_UNITS", "200000"))


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    # The Python workers must be this interpreter (the one mtlint is installed in).
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    # Local mode talks to itself only: on the loopback interface.
    os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"
    session = (SparkSession.builder.master("local[2]").appName("mtlint-test")
               .config("spark.ui.enabled", "false")
               .config("spark.driver.host", "127.0.0.1")
               .config("spark.driver.bindAddress", "127.0.0.1")
               .config("spark.sql.shuffle.partitions", "2")
               .config("spark.driver.memory", "2g")
               .getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    # Ship the example's module to the workers, as a cluster job would with --py-files.
    session.sparkContext.addPyFile(str(EXAMPLE))
    yield session
    session.stop()


def test_spark_findings_equal_the_cli_findings(spark, tmp_path):
    sys.path.insert(0, str(EXAMPLE.parent))
    import check_corpus

    corpus = write_parquet(tmp_path / "corpus.parquet", UNITS, row_group_size=25_000)
    expected, cli_rows = cli_expectation(corpus, tmp_path, UNITS)

    out = tmp_path / "findings"
    summary = check_corpus.check_corpus(spark, str(corpus), str(out), "en", "de", "id",
                                        summary=False)
    assert_engine_output_equals_cli(out, summary, expected, cli_rows)
