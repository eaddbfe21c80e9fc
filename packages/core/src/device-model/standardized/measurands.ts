/** The measurands of the stack's meter adapters: the valuesList of the *Measurands MemberLists (J01-J03). */
export const SUPPORTED_MEASURANDS = 'Current.Import,Current.Offered,Energy.Active.Import.Register,Frequency,Power.Active.Import,Power.Offered,SoC,Voltage';

/** Maximum length of a measurands MemberList (the catalog requires maxLimit > 0, TC_B_53_CS). */
export const MEASURANDS_MAX_LENGTH = 500;
