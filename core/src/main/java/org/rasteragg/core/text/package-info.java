/**
 * Numbers as ASCII text written straight into byte arrays, for writers of large tables:
 * {@link org.rasteragg.core.text.DoubleText} (the shortest round-trip digits in Double.toString's
 * layout, the same text on every JDK) and {@link org.rasteragg.core.text.LongText}. Nothing here
 * allocates per value or knows a file format.
 */
package org.rasteragg.core.text;
