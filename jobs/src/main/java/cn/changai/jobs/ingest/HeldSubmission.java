package cn.changai.jobs.ingest;

import java.io.Serializable;
import java.time.Instant;

/** What the warehouse already holds for one period and enterprise: its content hash and time. */
public record HeldSubmission(String contentHash, Instant submittedAt) implements Serializable {}
