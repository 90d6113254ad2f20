/**
 * How the data plane's event loops pace themselves under load: a busy loop gathers what arrives into
 * fewer, larger rounds ({@link io.codis.proxy.pacing.PacedSelect}) and holds its backend writes for them
 * ({@link io.codis.proxy.pacing.WriteBatch}), and its threads are scheduled not to preempt the work
 * sharing their cores ({@link io.codis.proxy.pacing.BatchScheduling},
 * {@link io.codis.proxy.pacing.TimerSlack}). {@link io.codis.proxy.pacing.Pacing} is the one switch.
 */
package io.codis.proxy.pacing;
