package cn.changai.jobs.ingest;

import java.io.Serializable;

/** One reason why a whole submission was refused: the path it concerns, a code and a text. */
public record Rejection(String path, ReasonCode code, String reason) implements Serializable {}
