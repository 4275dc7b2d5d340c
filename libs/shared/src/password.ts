/** The password policy, shared so the web form says the same thing the API enforces. */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_POLICY_TEXT = '密码至少10位，且须包含大写字母、小写字母、数字和符号中的至少三类';

export function passwordPolicyProblem(password: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return PASSWORD_POLICY_TEXT;
  if (password.length > 128) return '密码不能超过128位';
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  return classes >= 3 ? null : PASSWORD_POLICY_TEXT;
}
