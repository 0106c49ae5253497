package org.rasteragg.job.out;

import java.util.Set;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.values.ValuesWriter;
import org.apache.parquet.column.values.factory.DefaultValuesWriterFactory;
import org.apache.parquet.column.values.factory.ValuesWriterFactory;

/**
 * parquet-mr's value writers with the dictionary chosen per column by its name: dictionary
 * encoding (falling back to plain, as parquet-mr does, when the dictionary outgrows its page or
 * saves nothing on the first page) for the named columns, plain for the others. Names are matched
 * whole, so a column name with a dot (a channel "CD3.1") is not read as a nested path, as
 * {@code ParquetProperties.Builder.withDictionaryEncoding(String, boolean)} would.
 * One per set of properties: {@link #initialize} binds it to them (their allocator included).
 */
final class ColumnEncodings implements ValuesWriterFactory {

    private final Set<String> dictionaryColumns;
    private final DefaultValuesWriterFactory plain = new DefaultValuesWriterFactory();
    private final DefaultValuesWriterFactory dictionary = new DefaultValuesWriterFactory();

    ColumnEncodings(Set<String> dictionaryColumns) {
        this.dictionaryColumns = Set.copyOf(dictionaryColumns);
    }

    @Override
    public void initialize(ParquetProperties props) {
        // building a copy initializes its factory with it
        ParquetProperties.copy(props).withDictionaryEncoding(false).withValuesWriterFactory(plain).build();
        ParquetProperties.copy(props).withDictionaryEncoding(true).withValuesWriterFactory(dictionary).build();
    }

    @Override
    public ValuesWriter newValuesWriter(ColumnDescriptor descriptor) {
        String[] path = descriptor.getPath();
        boolean dict = path.length == 1 && dictionaryColumns.contains(path[0]);
        return (dict ? dictionary : plain).newValuesWriter(descriptor);
    }
}
