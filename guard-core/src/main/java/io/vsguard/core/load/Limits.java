package io.vsguard.core.load;

/**
 * The largest documents vsguard reads (docs/spec/formats.md, "Limits"). Anything larger is an input
 * error naming the limit, read before the work it would cause: the cost of a check grows with these
 * numbers, and every evaluation must end within its deadline. They are sized so that what {@code
 * vsguard stage} writes for the largest accepted inventory is always a plan that {@code vsguard
 * check} accepts: a staged plan has at most one wave per host, as many hosts per wave as the
 * inventory has, and the stager refuses to write a wave with more steps than a plan may hold.
 */
public final class Limits {
  private static final long MIB = 1024L * 1024;

  /** An inventory snapshot file or body, in bytes. */
  public static final long INVENTORY_BYTES = 128 * MIB;

  /** A change plan (and any other document: policy packs, their tests), in bytes. */
  public static final long PLAN_BYTES = 64 * MIB;

  /** Hosts in one inventory: eight times the 2,500 hosts one vCenter manages. */
  public static final int HOSTS = 20_000;

  /**
   * VM network adapters listed on one host: vSphere's maximums, 1,024 VMs per host with 10 adapters
   * each.
   */
  public static final int VM_ADAPTERS_PER_HOST = 10_240;

  /** Changes in one plan. */
  public static final int CHANGES = 1_000;

  /** Waves in one rollout: one per host at most. */
  public static final int WAVES = HOSTS;

  /** Hosts named in one wave, or in one change's list of host names. */
  public static final int HOSTS_PER_LIST = HOSTS;

  /** Steps in one wave (each is done on every host of the wave). */
  public static final int STEPS_PER_WAVE = 1_000;

  /**
   * Portgroups one create-standard-switch step creates: ESXi's 512 portgroups per standard switch.
   */
  public static final int PORTGROUPS_PER_STANDARD_SWITCH = 512;

  /** Vmkernel adapters one readdress map names: ESXi's 256 VMkernel adapters per host. */
  public static final int READDRESS_PER_CHANGE = 256;

  private Limits() {}

  /** "64 MiB", "1.5 MiB", "812 bytes". */
  static String size(long bytes) {
    if (bytes < MIB) {
      return bytes + " bytes";
    }
    double mib = (double) bytes / MIB;
    return (mib == Math.rint(mib)
            ? String.valueOf((long) mib)
            : String.format(java.util.Locale.ROOT, "%.1f", mib))
        + " MiB";
  }

  /** Refuses a list longer than {@code max}, naming the field and the limit. */
  static void count(Node list, int size, int max, String what, String per) throws InputException {
    if (size > max) {
      throw list.error(
          size
              + " "
              + what
              + "; the limit is "
              + max
              + " "
              + what
              + " per "
              + per
              + " (docs/spec/formats.md, Limits)");
    }
  }
}
