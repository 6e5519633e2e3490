/** The model catalog: what each Magic Hour model accepts, how to check settings, what they cost. */
export * from './models';
export * from './settings';
export * from './validate';
export * from './credits';
