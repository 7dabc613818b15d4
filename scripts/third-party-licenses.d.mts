/** The licence texts of the npm packages the modules (paths or ids) belong to, titled with `what`. */
export function thirdPartyLicenses(moduleIds: Iterable<string>, what: string): string
