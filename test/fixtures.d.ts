export declare const fixturesDir: string;
export declare function readFixture<T>(relativePath: string): T;
/** Largest relative difference |a-b| / max(|b|, tiny) over two equally long lists. */
export declare function maxRelativeError(actual: ArrayLike<number>, expected: ArrayLike<number>, tiny?: number): number;
