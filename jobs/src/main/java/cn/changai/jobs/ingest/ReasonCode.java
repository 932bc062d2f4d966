package cn.changai.jobs.ingest;

/**
 * Why a submission, a row or a link was refused, or what a warning is about. The codes are stable:
 * they are stored in the reject tables and documented in docs/reason-codes.md.
 */
public enum ReasonCode {
  // A whole submission is rejected.
  BAD_PERIOD_FOLDER(Scope.SUBMISSION, "the folder name is not a period (" + cn.changai.domain.Period.FORMS + ")"),
  BAD_ENTERPRISE_ID(Scope.SUBMISSION, "the folder name is not a valid unified social credit code"),
  NOT_REGULAR_FILE(Scope.SUBMISSION, "a symbolic link or other non-regular file in the inbox"),
  MISSING_FILE(Scope.SUBMISSION, "a required file is missing"),
  BAD_JSON(Scope.SUBMISSION, "enterprise.json is not a valid JSON object"),
  BAD_SCHEMA_VERSION(Scope.SUBMISSION, "enterprise.json has another schema_version"),
  MISSING_FIELD(Scope.SUBMISSION, "a required field of enterprise.json is missing"),
  BAD_FIELD(Scope.SUBMISSION, "a field of enterprise.json breaks its rule"),
  FOLDER_MISMATCH(Scope.SUBMISSION, "enterprise.json names another period or enterprise than its folder"),
  ENCODING(Scope.SUBMISSION, "the file decodes neither as UTF-8 nor as GB18030 or Windows' GBK"),
  MISSING_COLUMN(Scope.SUBMISSION, "a required column is missing from the header"),
  DUPLICATE_COLUMN(Scope.SUBMISSION, "two header cells name the same column"),
  PERSONAL_DATA_COLUMN(Scope.SUBMISSION, "a column of identity or phone numbers"),
  UNTERMINATED_QUOTE(Scope.SUBMISSION, "a quote opened and never closed swallows the rest of the file"),
  RECORD_TOO_LONG(Scope.SUBMISSION, "a CSV record is longer than 1,048,576 characters (a quote never closed, a field of megabytes)"),
  TOO_MANY_ROWS(Scope.SUBMISSION, "a CSV file holds more data rows than one file may (1,000,000 in workers.csv, 100,000 in studios.csv)"),
  FILE_TOO_LARGE(Scope.SUBMISSION, "a CSV file is larger than 256 MiB, the most one file may be"),
  TOO_MANY_REJECTED_ROWS(Scope.SUBMISSION, "more than 100,000 rows of the submission are rejected: the file is not what the contract asks for"),
  NO_DATA_ROWS(Scope.SUBMISSION, "workers.csv holds no data rows"),
  READ_ERROR(Scope.SUBMISSION, "a file or folder of the submission, or a period folder, could not be read, or a file changed while it was being read"),
  INTERNAL_ERROR(Scope.SUBMISSION, "reading the submission failed on a fault of this program"),
  OLDER_THAN_HELD(Scope.SUBMISSION, "submitted_at is earlier than the submission already held"),
  CONFLICTS_WITH_HELD(Scope.SUBMISSION, "same submitted_at as the submission held, but other content"),

  // One row is rejected; the rest of the file goes on.
  MISSING_VALUE(Scope.ROW, "a required value is blank"),
  BAD_ID(Scope.ROW, "an id is not 1-64 of A-Z a-z 0-9 _ -"),
  PERSONAL_DATA(Scope.ROW, "an id is or holds a resident identity number or a mobile number"),
  DUPLICATE_ID(Scope.ROW, "the id appears on more than one row of the file"),
  BAD_BOOLEAN(Scope.ROW, "not one of Y/N, 是/否, true/false, 1/0"),
  BAD_DATE(Scope.ROW, "not a date of the form yyyy-MM-dd or yyyy/M/d"),
  DATE_AFTER_PERIOD_END(Scope.ROW, "the date is after the period's end"),
  PARTY_JOINED_NOT_MEMBER(Scope.ROW, "party_joined is set on a worker who is not a party member"),
  BAD_CODE(Scope.ROW, "not a code of the contract nor its Chinese name"),
  BAD_NUMBER(Scope.ROW, "not a number of the expected form"),
  OUT_OF_RANGE(Scope.ROW, "the number is outside its allowed range"),
  FIELD_COUNT(Scope.ROW, "the row has another number of fields than the header"),
  MALFORMED_ROW(Scope.ROW, "the row is not valid CSV (a stray quote)"),
  BLANK_ROW(Scope.ROW, "every field of the row is blank"),

  // Warnings: the data is kept, something was dropped or ignored.
  UNKNOWN_FIELD(Scope.WARNING, "an unknown field of enterprise.json, kept out of the tables"),
  IGNORED_FILE(Scope.WARNING, "a file or folder of another name, ignored"),
  IGNORED_COLUMN(Scope.WARNING, "a column the contract does not define, ignored"),
  MENTOR_NOT_FOUND(Scope.WARNING, "mentor_id names no other accepted worker of the file; link dropped"),
  STUDIO_NOT_FOUND(Scope.WARNING, "studio_id names no accepted studio of the submission; link dropped"),
  LEADER_NOT_FOUND(Scope.WARNING, "leader_id names no accepted worker of the submission; link dropped"),

  // Plausibility warnings: an accepted submission against the enterprise's previous one (data kept as it is).
  HEADCOUNT_JUMP(Scope.WARNING, "the enterprise's industrial workers rose or fell by more than the threshold (30%) since the previous period"),
  RATIO_JUMP(Scope.WARNING, "a percentage indicator of the enterprise moved by more than the threshold (20 points) since the previous period"),
  FIGURE_JUMP(Scope.WARNING, "a figure, or the mean wage, grew more than the threshold (5-fold) since the previous period (the mean wage: or fell below a fifth)"),
  FIGURE_TO_ZERO(Scope.WARNING, "a figure fell to 0 from at least the threshold (10) in the previous period");

  /** What a reason code refuses. */
  public enum Scope {
    SUBMISSION,
    ROW,
    WARNING
  }

  private final Scope scope;
  private final String meaning;

  ReasonCode(Scope scope, String meaning) {
    this.scope = scope;
    this.meaning = meaning;
  }

  public Scope scope() {
    return scope;
  }

  /** One line saying what the code means, for help texts and docs. */
  public String meaning() {
    return meaning;
  }
}
