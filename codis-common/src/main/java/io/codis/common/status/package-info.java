/**
 * The dashboard's stats as the status lines read them ({@code codis-admin --proxy-status},
 * {@code --group-status}, and the lines codis-ha logs every round).
 */
package io.codis.common.status;
