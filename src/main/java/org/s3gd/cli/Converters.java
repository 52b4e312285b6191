package org.s3gd.cli;

import org.s3gd.data.DatasetException;
import org.s3gd.data.DatasetId;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Option value converters. */
final class Converters {
    private Converters() {
    }

    /** A data set by name: synthetic, fashion-mnist (or fmnist), nmnist, shd. */
    static final class Dataset implements ITypeConverter<DatasetId> {
        @Override
        public DatasetId convert(String value) {
            if (value.equalsIgnoreCase("fmnist") || value.equalsIgnoreCase("f-mnist")) {
                return DatasetId.FASHION_MNIST;
            }
            try {
                return DatasetId.byName(value);
            } catch (DatasetException e) {
                throw new TypeConversionException("unknown data set '" + value
                    + "'; expected one of synthetic, fmnist (fashion-mnist), nmnist, shd");
            }
        }
    }
}
