package dev.tenantwave.cli;

/**
 * What {@code tw}'s exit status tells a pipeline. The strings are for picocli's {@code exitCodeList}, so each
 * command's help shows the same text.
 */
public final class ExitCodes {

  public static final int OK = 0;
  public static final int REFUSED = 1;
  public static final int USAGE = 2;
  public static final int UNAVAILABLE = 3;

  public static final String OK_HELP = "0:Success.";
  public static final String REFUSED_HELP = "1:Refused: the service answered 4xx (its detail and each field error are"
      + " printed), or no credentials were found.";
  public static final String USAGE_HELP = "2:Usage error (unknown option, missing argument or required --reason).";
  public static final String UNAVAILABLE_HELP = "3:The service is unreachable or failed (5xx).";

  private ExitCodes() {}
}
