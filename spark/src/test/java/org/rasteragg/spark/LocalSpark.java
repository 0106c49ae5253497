package org.rasteragg.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The one local Spark session the tests share (starting one costs seconds): local[2,2], i.e. two
 * cores and a task may fail once and be retried. Tests that need another master stop it first.
 */
final class LocalSpark {

    private static SparkSession session;

    private LocalSpark() {
    }

    static synchronized SparkSession get() {
        if (session == null || session.sparkContext().isStopped()) {
            session = SparkSession.builder()
                    .master("local[2,2]")
                    .appName("rasteragg-spark-tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.sql.shuffle.partitions", "3")
                    .config("spark.default.parallelism", "2")
                    .config("spark.sql.adaptive.enabled", "false")
                    .getOrCreate();
        }
        return session;
    }

    static synchronized void stop() {
        if (session != null) {
            session.stop();
            session = null;
        }
        SparkSession.clearActiveSession();
        SparkSession.clearDefaultSession();
    }
}
