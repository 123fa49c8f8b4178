package io.vsguard.vsphere.apply;

import io.vsguard.vsphere.vim.Mor;
import java.time.Duration;

/**
 * A call vCenter completed: the call, its task (null for a synchronous method) and how long it
 * took.
 */
public record CallRecord(VimCall call, Mor task, Duration took) {}
