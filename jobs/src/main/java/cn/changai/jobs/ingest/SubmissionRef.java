package cn.changai.jobs.ingest;

import java.io.Serializable;

/**
 * One entry of a period folder of the inbox, to be read as a submission: the folder names (period
 * and enterprise id as written, not yet checked), its full path, and whether it is a real folder.
 */
public record SubmissionRef(String period, String enterpriseId, String path, boolean regularFolder)
    implements Serializable, Comparable<SubmissionRef> {

  /** The key of a submission in the warehouse: period and enterprise id. */
  public String key() {
    return period + "/" + enterpriseId;
  }

  @Override
  public int compareTo(SubmissionRef other) {
    return key().compareTo(other.key());
  }
}
