//! The cost components C1–C9 (DESIGN §2.3): names, sides, formulas, colours by index.

use super::real::Real;

/// Who bears a component.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// The provider of the failed service.
    Provider,
    /// Dependent businesses and users.
    Ecosystem,
}

/// One cost component.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Component {
    /// C1: revenue the provider loses.
    LostRevenue,
    /// C2: sales dependent businesses lose.
    BusinessLoss,
    /// C3: users' time lost.
    UserTime,
    /// C4: the provider's idle staff.
    Staff,
    /// C5: incident response.
    Response,
    /// C6: SLA credits.
    SlaCredits,
    /// C7: compensation.
    Compensation,
    /// C8: customers lost.
    Churn,
    /// C9: fines.
    Fines,
}

/// How many components there are.
pub const COMPONENT_COUNT: usize = 9;

impl Component {
    /// All components, C1 to C9.
    pub const ALL: [Component; COMPONENT_COUNT] = [
        Component::LostRevenue,
        Component::BusinessLoss,
        Component::UserTime,
        Component::Staff,
        Component::Response,
        Component::SlaCredits,
        Component::Compensation,
        Component::Churn,
        Component::Fines,
    ];

    /// All components, the provider's side first, then the ecosystem's (the order charts list them).
    #[must_use]
    pub fn provider_first() -> Vec<Component> {
        let mut order: Vec<Component> = Self::ALL.into_iter().filter(|c| c.side() == Side::Provider).collect();
        order.extend(Self::ALL.into_iter().filter(|c| c.side() == Side::Ecosystem));
        order
    }

    /// Position in [`Component::ALL`].
    #[must_use]
    pub fn index(self) -> usize {
        self as usize
    }

    /// "C1" … "C9".
    #[must_use]
    pub fn id(self) -> &'static str {
        ["C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8", "C9"][self.index()]
    }

    /// Name for tables, legends and cards.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Component::LostRevenue => "Lost revenue",
            Component::BusinessLoss => "Business-side loss",
            Component::UserTime => "User time lost",
            Component::Staff => "Staff productivity",
            Component::Response => "Incident response",
            Component::SlaCredits => "SLA credits",
            Component::Compensation => "Compensation",
            Component::Churn => "Churn",
            Component::Fines => "Fines",
        }
    }

    /// Who bears it.
    #[must_use]
    pub fn side(self) -> Side {
        match self {
            Component::BusinessLoss | Component::UserTime => Side::Ecosystem,
            _ => Side::Provider,
        }
    }

    /// The formula as DESIGN §2.3 writes it.
    #[must_use]
    pub fn formula(self) -> &'static str {
        match self {
            Component::LostRevenue => "f · R_h · ρ · φ · H · (1 − δ),  R_h = annual revenue / 8760",
            Component::BusinessLoss => "f · Σ_k M_k · G_k · d_k · (1 − s_k) · (1 − δ_k) · m_k · φ · H",
            Component::UserTime => "N_aff · u · H · V",
            Component::Staff => "E · W · p · H",
            Component::Response => "n · W_r · (D + T_post) + F",
            Component::SlaCredits => "fees · credit(U),  U = 1 − downtime minutes / 43 200",
            Component::Compensation => {
                "[D > A] · (N_aff · (c_u + c_uh · D) · q_u + (Σ_k M_k) · φ · (c_b + c_bh · D) · q_b)"
            }
            Component::Churn => "N_aff · a · c(D) · CLV,  c(D) = c_max · (L(D) − L(0)) / (1 − L(0))",
            Component::Fines => "fixed + per_hour · D + per_user_affected · N_aff",
        }
    }

    /// Whether the component is a transfer to the ecosystem (left out of the combined impact).
    #[must_use]
    pub fn is_transfer(self) -> bool {
        matches!(self, Component::SlaCredits | Component::Compensation)
    }
}

/// A value per component.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Components<T = f64>(pub [T; COMPONENT_COUNT]);

impl<T: Real> Components<T> {
    /// The value of one component.
    #[must_use]
    pub fn get(&self, c: Component) -> T {
        self.0[c.index()]
    }

    /// `(component, value)` pairs, C1 to C9.
    pub fn iter(&self) -> impl Iterator<Item = (Component, T)> + '_ {
        Component::ALL.iter().map(|&c| (c, self.get(c)))
    }

    /// The sum of the components `which` picks, C1 to C9.
    #[must_use]
    #[inline(always)]
    pub fn total(&self, which: impl Fn(Component) -> bool) -> T {
        // A plain loop: it is inlined wherever the model is (iterator adapters may not be).
        let mut sum = T::splat(0.0);
        for (&c, &v) in Component::ALL.iter().zip(&self.0) {
            if which(c) {
                sum += v;
            }
        }
        sum
    }

    /// Sum over one side.
    #[must_use]
    #[inline(always)]
    pub fn side_total(&self, side: Side) -> T {
        self.total(|c| c.side() == side)
    }
}
